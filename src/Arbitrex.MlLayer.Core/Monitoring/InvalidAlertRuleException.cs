namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// An alert rule was refused. <see cref="ArgumentException.ParamName"/> is the offending field in
/// snake_case (<c>name</c>, <c>metric</c>, <c>operator</c>, <c>threshold</c>, <c>window_minutes</c>,
/// <c>severity</c>, <c>for</c>), so an HTTP layer can name it in a problem-details body.
/// </summary>
public sealed class InvalidAlertRuleException : ArgumentException
{
    public InvalidAlertRuleException()
    {
    }

    public InvalidAlertRuleException(string message)
        : base(message)
    {
    }

    public InvalidAlertRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidAlertRuleException(string field, string message)
        : base(message, field)
    {
    }

    public string? Field => ParamName;
}
