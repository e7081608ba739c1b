namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Everything the monitor knows at one instant (<c>GET /metrics</c>, <c>ml_metrics_*.json</c>).
/// Totals (<c>*_total</c>, per-symbol, per-reason, join timeouts, rejections) count since start and
/// never go down; rates, shares and averages cover the predictions since the last reset; latency
/// covers the last <see cref="MonitoringOptions.LatencyWindowSize"/> predictions; throughput covers
/// the trailing 60 minutes. Rates are fractions (0.9 = 90 %) and 0 when there is no data.
/// </summary>
public sealed record MonitorSnapshot
{
    public required DateTimeOffset Timestamp { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset LastResetAt { get; init; }

    public required double UptimeSeconds { get; init; }

    public required long PredictionsTotal { get; init; }

    public required long AllowedTotal { get; init; }

    public required long SuppressedTotal { get; init; }

    public required long PredictionsSinceReset { get; init; }

    public required long AllowedSinceReset { get; init; }

    public required long SuppressedSinceReset { get; init; }

    public required double AllowRate { get; init; }

    public required double SuppressionRate { get; init; }

    public required LatencySummary Latency { get; init; }

    /// <summary>The seed's top-level name for <see cref="LatencySummary.AvgMs"/> of <see cref="Latency"/>, which its client code reads.</summary>
    public double AvgProcessingTimeMs => Latency.AvgMs;

    /// <summary>Mean processing time of every prediction since start, milliseconds.</summary>
    public required double LifetimeAvgProcessingTimeMs { get; init; }

    /// <summary>Predictions in the trailing 60 minutes (the current minute included).</summary>
    public required long ThroughputPerHour { get; init; }

    /// <summary>Predictions per regime label since the last reset (<c>OTHER</c> for an unknown label).</summary>
    public required IReadOnlyDictionary<string, long> RegimeCounts { get; init; }

    /// <summary>Share of each regime label since the last reset (0–1).</summary>
    public required IReadOnlyDictionary<string, double> RegimeDistribution { get; init; }

    public required double AvgRegimeConfidence { get; init; }

    public required double AvgSignalProbability { get; init; }

    public required IReadOnlyDictionary<string, long> PredictionsBySymbol { get; init; }

    /// <summary>Counts per reason category (text before the first ':' or number), since start.</summary>
    public required IReadOnlyDictionary<string, long> DecisionReasons { get; init; }

    public required long JoinTimeoutsTotal { get; init; }

    /// <summary>Join timeouts per missing half (<c>feature_snapshot</c>, <c>qse_output</c>).</summary>
    public required IReadOnlyDictionary<string, long> JoinTimeoutsByMissingHalf { get; init; }

    public required long RejectedTotal { get; init; }

    public required IReadOnlyDictionary<string, long> RejectedByReason { get; init; }

    /// <summary>Number of alerts currently firing.</summary>
    public required int ActiveAlerts { get; init; }

    /// <summary>The firing alerts.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary>Model versions of the latest decision.</summary>
    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }

    /// <summary>Config hash of the latest decision; null before the first one.</summary>
    public string? ConfigHash { get; init; }

    /// <summary>Audit records (bus and HTTP) that could not be written, since start.</summary>
    public long AuditWriteFailures { get; init; }

    /// <summary>
    /// Ad-hoc (HTTP what-if) predictions since start, by endpoint then outcome; counted apart from every figure
    /// above. Filled in by the admin API, which owns the count; null where no admin API runs.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? AdhocPredictions { get; init; }

    /// <summary>Live quality per signal filter version from trade outcomes; null when the host feeds no outcomes.</summary>
    public Quality.LiveQualitySnapshot? LiveQuality { get; init; }
}
