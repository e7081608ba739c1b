namespace Arbitrex.MlLayer.Core.Models;

/// <summary>
/// A trained model artifact that was refused at load instead of being mis-evaluated. What the reader refused it for
/// is on <see cref="ModelArtifactException{TRefusal}"/>, in that reader's terms.
/// </summary>
public abstract class ModelArtifactException : Exception
{
    protected ModelArtifactException()
    {
    }

    protected ModelArtifactException(string message)
        : base(message)
    {
    }

    protected ModelArtifactException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
