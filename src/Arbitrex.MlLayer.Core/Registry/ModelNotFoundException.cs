namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The model name or version is not in the registry (HTTP 404).</summary>
public sealed class ModelNotFoundException : ModelRegistryException
{
    public ModelNotFoundException()
    {
    }

    public ModelNotFoundException(string message)
        : base(message)
    {
    }

    public ModelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
