namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The seed's five alert rules, each needing its condition to hold a few minutes before it fires, and the audit
/// rule, which fires at once: a decision that cannot be audited is not published. The two live quality rules
/// watch the outcomes of each signal filter version (<see cref="Quality.LiveQualityTracker"/>).
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

    /// <summary>A version whose probabilities rank outcomes little better than a coin, once 200 outcomes say so.</summary>
    public static AlertRule LowLiveAuc { get; } = new()
    {
        Name = "low_live_auc",
        Metric = AlertMetrics.LiveAuc,
        Operator = "<",
        Threshold = 0.52,
        WindowMinutes = MonitoringOptions.MaxWindowMinutes,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
        MinSamples = 200,
    };

    /// <summary>
    /// A version scoring worse live than on its validation split; the threshold is
    /// <c>Monitoring:LiveQuality:BrierMargin</c> (0.02 by default), applied when the monitor installs the rule.
    /// </summary>
    public static AlertRule LiveBrierAboveValidation { get; } = new()
    {
        Name = "live_brier_above_validation",
        Metric = AlertMetrics.LiveBrierExcess,
        Operator = ">",
        Threshold = 0.02,
        WindowMinutes = MonitoringOptions.MaxWindowMinutes,
        Severity = AlertSeverities.Warning,
        For = TimeSpan.FromMinutes(5),
    };

    public static IReadOnlyList<AlertRule> All { get; } =
        [HighSuppressionRate, LowSuppressionRate, HighLatency, StressedRegimeSpike, LowConfidence, AuditWriteFailed, LowLiveAuc, LiveBrierAboveValidation];
}
