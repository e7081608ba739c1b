namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>A stored artifact or the index does not match what was registered, e.g. a tampered file (HTTP 500).</summary>
public sealed class ModelIntegrityException : ModelRegistryException
{
    public ModelIntegrityException()
    {
    }

    public ModelIntegrityException(string message)
        : base(message)
    {
    }

    public ModelIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
