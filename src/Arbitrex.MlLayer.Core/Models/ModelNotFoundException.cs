namespace Arbitrex.MlLayer.Core.Models;

/// <summary>A model name or version the registry does not hold.</summary>
public sealed class ModelNotFoundException : Exception
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
