using System.Globalization;

namespace Arbitrex.MlLayer.Core.Monitoring;

public sealed partial class MlMonitor
{
    /// <summary>The exposition for <c>GET /metrics/prometheus</c> (text format 0.0.4, <see cref="PrometheusTextWriter.ContentType"/>).</summary>
    public string ExportPrometheus()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WritePrometheus(text);
        return text.ToString();
    }

    /// <summary>Writes the exposition into <paramref name="output"/>; see docs/MONITORING.md for every metric.</summary>
    public void WritePrometheus(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var snapshot = GetSnapshot();
        var lifetime = LifetimeTotals();
        var prometheus = new PrometheusTextWriter(output);

        prometheus.WriteCounter("ml_layer_predictions_total", "Decisions made since start.", snapshot.PredictionsTotal);
        prometheus.WriteCounter("ml_layer_predictions_allowed_total", "Decisions that allowed the trade, since start.", snapshot.AllowedTotal);
        prometheus.WriteCounter("ml_layer_predictions_suppressed_total", "Decisions that suppressed the trade, since start.", snapshot.SuppressedTotal);
        prometheus.WriteGauge("ml_layer_allow_rate", "Share of decisions allowing the trade since the last reset (0-1).", snapshot.AllowRate);
        prometheus.WriteGauge("ml_layer_suppression_rate", "Share of decisions suppressing the trade since the last reset (0-1).", snapshot.SuppressionRate);

        var latency = snapshot.Latency;
        var hasLatency = latency.WindowSamples > 0;
        prometheus.WriteSummary(
            "ml_layer_processing_time_ms",
            "Processing time per decision in milliseconds; quantiles over the last LatencyWindowSize decisions, sum and count since start.",
            [
                new(0.5, hasLatency ? latency.P50Ms : double.NaN),
                new(0.95, hasLatency ? latency.P95Ms : double.NaN),
                new(0.99, hasLatency ? latency.P99Ms : double.NaN),
            ],
            lifetime.LatencySumMs,
            lifetime.Count);
        var bucketCounts = new long[_latencyBuckets.Length];
        for (var i = 0; i < bucketCounts.Length; i++)
        {
            bucketCounts[i] = Volatile.Read(ref _latencyBuckets[i]);
        }

        prometheus.WriteHistogram(
            "ml_layer_processing_time_seconds",
            "Processing time per decision in seconds, since start.",
            [.. BucketBoundsMs.Select(ms => ms / 1000.0)],
            bucketCounts,
            lifetime.LatencySumMs / 1000.0);
        prometheus.WriteGauge("ml_layer_processing_time_avg_seconds", "Mean processing time over the last LatencyWindowSize decisions, seconds.", latency.AvgMs / 1000.0);
        prometheus.WriteGauge("ml_layer_processing_time_max_seconds", "Largest processing time over the last LatencyWindowSize decisions, seconds.", latency.MaxMs / 1000.0);
        prometheus.WriteGauge("ml_layer_throughput_per_hour", "Decisions in the trailing 60 minutes.", snapshot.ThroughputPerHour);

        prometheus.WriteLabelled(
            "ml_layer_regime_distribution",
            "Share of decisions per regime since the last reset (0-1).",
            PrometheusMetricType.Gauge,
            "regime",
            snapshot.RegimeDistribution);
        var regimeTotals = new List<KeyValuePair<string, double>>();
        for (var slot = 0; slot < RegimeSlot.Count; slot++)
        {
            if (slot < RegimeSlot.Count - 1 || lifetime.Regimes[slot] > 0)
            {
                regimeTotals.Add(new(RegimeSlot.Labels[slot], lifetime.Regimes[slot]));
            }
        }

        prometheus.WriteLabelled("ml_layer_regime_predictions_total", "Decisions per regime since start.", PrometheusMetricType.Counter, "regime", regimeTotals);
        prometheus.WriteGauge("ml_layer_regime_confidence_avg", "Mean regime confidence since the last reset (0-1).", snapshot.AvgRegimeConfidence);
        prometheus.WriteGauge("ml_layer_signal_probability_avg", "Mean signal success probability since the last reset (0-1).", snapshot.AvgSignalProbability);

        prometheus.WriteLabelled("ml_layer_symbol_predictions_total", "Decisions per symbol since start.", PrometheusMetricType.Counter, "symbol", AsDoubles(snapshot.PredictionsBySymbol));
        prometheus.WriteLabelled("ml_layer_decision_reasons_total", "Decision reasons per category (text before the first ':' or number) since start.", PrometheusMetricType.Counter, "reason", AsDoubles(snapshot.DecisionReasons));
        prometheus.WriteLabelled("ml_layer_join_timeouts_total", "Bars decided fail-closed because one half never arrived, per missing half, since start.", PrometheusMetricType.Counter, "missing", AsDoubles(snapshot.JoinTimeoutsByMissingHalf));
        prometheus.WriteCounter("ml_layer_rejected_messages_total", "Messages refused before the engine ran, since start.", snapshot.RejectedTotal);
        prometheus.WriteLabelled("ml_layer_rejected_messages_by_reason_total", "Messages refused before the engine ran, per reason category, since start.", PrometheusMetricType.Counter, "reason", AsDoubles(snapshot.RejectedByReason));

        prometheus.WriteGauge("ml_layer_active_alerts", "Alerts currently firing.", snapshot.ActiveAlerts);
        prometheus.WriteInfo(
            "ml_layer_alert_firing",
            "One series per firing alert.",
            snapshot.Alerts.Select(a => (IReadOnlyList<KeyValuePair<string, string>>)[new("alertname", a.Name), new("severity", a.Severity)]));
        prometheus.WriteGauge("ml_layer_alert_rules", "Alert rules installed.", AlertRules.Count);

        prometheus.WriteInfo(
            "ml_layer_model_info",
            "Model versions of the latest decision.",
            snapshot.ModelVersions.Select(m => (IReadOnlyList<KeyValuePair<string, string>>)[new("model", m.Key), new("version", m.Value)]));
        prometheus.WriteInfo(
            "ml_layer_config_info",
            "Config hash of the latest decision.",
            snapshot.ConfigHash is null ? [] : [[new("config_hash", snapshot.ConfigHash)]]);
        var latest = Volatile.Read(ref _latest);
        prometheus.WriteGauge(
            "ml_layer_last_decision_timestamp_seconds",
            "Unix time of the latest decision (0 before the first).",
            latest is null ? 0 : new DateTimeOffset(DateTime.SpecifyKind(latest.Timestamp, DateTimeKind.Utc)).ToUnixTimeMilliseconds() / 1000.0);
        prometheus.WriteGauge("ml_layer_start_time_seconds", "Unix time the monitor started.", snapshot.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
        prometheus.WriteGauge("ml_layer_uptime_seconds", "Seconds since the monitor started.", snapshot.UptimeSeconds);
    }

    private static IEnumerable<KeyValuePair<string, double>> AsDoubles(IReadOnlyDictionary<string, long> counts) =>
        counts.Select(c => new KeyValuePair<string, double>(c.Key, c.Value));
}
