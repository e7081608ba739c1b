namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The metrics an <see cref="AlertRule"/> can watch, each computed over the rule's window from
/// per-minute buckets. Rates, shares and averages need <see cref="MonitoringOptions.AlertMinimumSamples"/>
/// predictions in the window before they are compared; counts are compared at any volume.
/// </summary>
public static class AlertMetrics
{
    /// <summary>Suppressed / all predictions in the window (0–1).</summary>
    public const string SuppressionRate = "suppression_rate";

    /// <summary>Allowed / all predictions in the window (0–1).</summary>
    public const string AllowRate = "allow_rate";

    /// <summary>Mean processing time in the window, milliseconds.</summary>
    public const string AvgProcessingTimeMs = "avg_processing_time_ms";

    /// <summary>Largest processing time in the window, milliseconds.</summary>
    public const string MaxProcessingTimeMs = "max_processing_time_ms";

    /// <summary>Share of predictions labelled STRESSED in the window (0–1).</summary>
    public const string StressedRegimeRate = "stressed_regime_rate";

    /// <summary>Share of predictions labelled TRENDING in the window (0–1).</summary>
    public const string TrendingRegimeRate = "trending_regime_rate";

    /// <summary>Share of predictions labelled RANGING in the window (0–1).</summary>
    public const string RangingRegimeRate = "ranging_regime_rate";

    /// <summary>Mean regime confidence in the window (0–1).</summary>
    public const string AvgRegimeConfidence = "avg_regime_confidence";

    /// <summary>Mean signal success probability in the window (0–1); the seed's custom-rule example.</summary>
    public const string AvgSignalProb = "avg_signal_prob";

    /// <summary>Number of predictions in the window.</summary>
    public const string PredictionCount = "prediction_count";

    /// <summary>Predictions in the window scaled to one hour.</summary>
    public const string ThroughputPerHour = "throughput_per_hour";

    /// <summary>Bars that got a fail-closed decision because one half never arrived, in the window.</summary>
    public const string JoinTimeouts = "join_timeouts";

    /// <summary>Messages refused before the engine ran, in the window.</summary>
    public const string RejectedMessages = "rejected_messages";

    /// <summary>Audit writes of bar decisions that failed, in the window.</summary>
    public const string AuditWriteFailures = "audit_write_failures";

    /// <summary>
    /// Live AUC of the worst signal filter version (lowest) over the outcomes recorded in the window, among versions
    /// with at least the rule's <see cref="AlertRule.MinSamples"/> (default <c>Monitoring:LiveQuality:MinOutcomes</c>) outcomes.
    /// </summary>
    public const string LiveAuc = "live_auc";

    /// <summary>Live hit rate of allowed trades of the worst version (lowest), gated on allowed outcomes like <see cref="LiveAuc"/>.</summary>
    public const string LiveHitRate = "live_hit_rate";

    /// <summary>Live Brier score minus the version's validation Brier (registry metadata <c>brier_score</c>), the worst (highest) version; versions without a validation Brier are left out.</summary>
    public const string LiveBrierExcess = "live_brier_excess";

    public static IReadOnlyList<string> All { get; } =
    [
        SuppressionRate, AllowRate, AvgProcessingTimeMs, MaxProcessingTimeMs, StressedRegimeRate,
        TrendingRegimeRate, RangingRegimeRate, AvgRegimeConfidence, AvgSignalProb, PredictionCount,
        ThroughputPerHour, JoinTimeouts, RejectedMessages, AuditWriteFailures, LiveAuc, LiveHitRate, LiveBrierExcess,
    ];

    /// <summary>The metrics that are meaningless on a handful of predictions (live quality metrics are gated on outcomes instead).</summary>
    public static bool NeedsMinimumSamples(string metric) =>
        metric is not (PredictionCount or ThroughputPerHour or JoinTimeouts or RejectedMessages or AuditWriteFailures) && !IsLiveQuality(metric);

    /// <summary>The metrics computed from outcomes by the live quality tracker rather than from decisions.</summary>
    public static bool IsLiveQuality(string metric) => metric is LiveAuc or LiveHitRate or LiveBrierExcess;
}
