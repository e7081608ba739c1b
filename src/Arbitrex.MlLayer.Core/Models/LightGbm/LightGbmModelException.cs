namespace Arbitrex.MlLayer.Core.Models.LightGbm;

/// <summary>A LightGBM model that was refused at load instead of being mis-evaluated.</summary>
public sealed class LightGbmModelException : Exception
{
    public LightGbmModelException()
    {
    }

    public LightGbmModelException(string message)
        : base(message)
    {
    }

    public LightGbmModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LightGbmModelException(LightGbmModelRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
    }

    public LightGbmModelRefusal Refusal { get; }
}
