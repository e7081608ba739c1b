namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The request contradicts the registry's state: a duplicate version, or deleting the active one (HTTP 409).</summary>
public sealed class ModelConflictException : ModelRegistryException
{
    public ModelConflictException()
    {
    }

    public ModelConflictException(string message)
        : base(message)
    {
    }

    public ModelConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
