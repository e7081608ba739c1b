namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>An XGBoost model that was refused at load instead of being mis-evaluated.</summary>
public sealed class XgboostModelException : Exception
{
    public XgboostModelException()
    {
    }

    public XgboostModelException(string message)
        : base(message)
    {
    }

    public XgboostModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public XgboostModelException(XgboostModelRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Refusal = refusal;
    }

    public XgboostModelRefusal Refusal { get; }
}
