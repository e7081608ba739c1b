namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>Base of every refusal by the model registry.</summary>
public abstract class ModelRegistryException : Exception
{
    protected ModelRegistryException()
    {
    }

    protected ModelRegistryException(string message)
        : base(message)
    {
    }

    protected ModelRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
