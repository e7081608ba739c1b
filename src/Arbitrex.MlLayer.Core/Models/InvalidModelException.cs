namespace Arbitrex.MlLayer.Core.Models;

/// <summary>An artifact that cannot be served: unreadable, unsupported, tampered with or inconsistent.</summary>
public sealed class InvalidModelException : Exception
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
