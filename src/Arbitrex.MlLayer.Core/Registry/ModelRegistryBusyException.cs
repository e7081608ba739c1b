namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The registry lock stayed held by another registration for longer than the configured timeout (HTTP 503).</summary>
public sealed class ModelRegistryBusyException : ModelRegistryException
{
    public ModelRegistryBusyException()
    {
    }

    public ModelRegistryBusyException(string message)
        : base(message)
    {
    }

    public ModelRegistryBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
