namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The seed's five alert rules, each needing its condition to hold a few minutes before it fires, and the audit
/// rule, which fires at once: a decision that cannot be audited is not published; and the drift rule.
/// </summary>
public static class DefaultAlertRules
{
    public static AlertRule HighSuppressionRate { get; } = new()
    {
        Name = "high_suppression_rate",
        Metric = AlertMetrics.SuppressionRate,
        Operator = ">",
        Threshold = 0.90,
        WindowMinutes = 60,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
    };

    public static AlertRule LowSuppressionRate { get; } = new()
    {
        Name = "low_suppression_rate",
        Metric = AlertMetrics.SuppressionRate,
        Operator = "<",
        Threshold = 0.10,
        WindowMinutes = 60,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
    };

    public static AlertRule HighLatency { get; } = new()
    {
        Name = "high_latency",
        Metric = AlertMetrics.AvgProcessingTimeMs,
        Operator = ">",
        Threshold = 10.0,
        WindowMinutes = 5,
        Severity = AlertSeverities.Critical,
        For = TimeSpan.FromMinutes(2),
    };

    public static AlertRule StressedRegimeSpike { get; } = new()
    {
        Name = "stressed_regime_spike",
        Metric = AlertMetrics.StressedRegimeRate,
        Operator = ">",
        Threshold = 0.50,
        WindowMinutes = 30,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
    };

    public static AlertRule LowConfidence { get; } = new()
    {
        Name = "low_confidence",
        Metric = AlertMetrics.AvgRegimeConfidence,
        Operator = "<",
        Threshold = 0.50,
        WindowMinutes = 30,
        Severity = AlertSeverities.Info,
        For = TimeSpan.FromMinutes(5),
    };

    public static AlertRule AuditWriteFailed { get; } = new()
    {
        Name = "audit_write_failed",
        Metric = AlertMetrics.AuditWriteFailures,
        Operator = ">",
        Threshold = 0,
        WindowMinutes = 1,
        Severity = AlertSeverities.Critical,
        For = TimeSpan.Zero,
    };

    /// <summary>
    /// Any feature's PSI at 0.25 or more over the live drift window, which gives a value only from
    /// <c>Monitoring:Drift:MinSample</c> (500) bars on; the window is counted in bars, so window_minutes is not used.
    /// </summary>
    public static AlertRule FeatureDrift { get; } = new()
    {
        Name = "feature_drift",
        Metric = AlertMetrics.MaxFeaturePsi,
        Operator = ">=",
        Threshold = 0.25,
        WindowMinutes = 1,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
    };

    public static IReadOnlyList<AlertRule> All { get; } =
        [HighSuppressionRate, LowSuppressionRate, HighLatency, StressedRegimeSpike, LowConfidence, AuditWriteFailed, FeatureDrift];
}
