namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>The severities an <see cref="AlertRule"/> may carry.</summary>
public static class AlertSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static IReadOnlyList<string> All { get; } = [Info, Warning, Critical];
}
