namespace Arbitrex.MlLayer.Core.Models;

/// <summary>
/// A model artifact a reader refused, with the reason in that reader's terms (<see cref="LightGbm.LightGbmModelRefusal"/>,
/// <see cref="Xgboost.XgboostModelRefusal"/>).
/// </summary>
public sealed class ModelArtifactException<TRefusal> : ModelArtifactException
    where TRefusal : struct, Enum
{
    public ModelArtifactException()
    {
    }

    public ModelArtifactException(string message)
        : base(message)
    {
    }

    public ModelArtifactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelArtifactException(TRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
    }

    public TRefusal Refusal { get; }
}
