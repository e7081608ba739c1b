namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>A registration was refused: bad name, version, kind, metadata or artifact (HTTP 400).</summary>
public sealed class InvalidModelException : ModelRegistryException
{
    /// <summary>The registration field at fault as the admin API names it: <c>model_name</c>, <c>version</c>, <c>kind</c>, <c>metadata.…</c>, or <c>model_path</c> (the artifact, the default).</summary>
    public string Field { get; init; } = "model_path";

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
