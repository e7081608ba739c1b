using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Monitoring;

internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Alert {AlertName} firing ({Severity}): {AlertMessage}")]
    public static partial void AlertFiring(ILogger logger, string alertName, string severity, string alertMessage);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Alert {AlertName} resolved: {AlertMessage}")]
    public static partial void AlertResolved(ILogger logger, string alertName, string alertMessage);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Alert rule {AlertName} added: {Metric} {Operator} {Threshold} over {WindowMinutes} min for {For}")]
    public static partial void AlertRuleAdded(ILogger logger, string alertName, string metric, string @operator, double threshold, int windowMinutes, TimeSpan @for);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Alert rule {AlertName} removed")]
    public static partial void AlertRuleRemoved(ILogger logger, string alertName);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Metrics snapshot written to {Path}")]
    public static partial void SnapshotExported(ILogger logger, string path);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "Metrics snapshot export to {Directory} failed")]
    public static partial void SnapshotExportFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Monitoring reset: windowed metrics, decision history and alert windows cleared")]
    public static partial void MonitorReset(ILogger logger);
}
