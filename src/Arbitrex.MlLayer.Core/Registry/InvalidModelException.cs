namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>A registration was refused: bad name, version, kind, metadata or artifact (HTTP 400).</summary>
public sealed class InvalidModelException : ModelRegistryException
{
    public InvalidModelException()
    {
    }

    public InvalidModelException(string message)
        : base(message)
    {
    }

    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
