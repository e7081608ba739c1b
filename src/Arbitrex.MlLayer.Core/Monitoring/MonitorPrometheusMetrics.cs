using Prometheus;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The monitor's Prometheus families (see docs/MONITORING.md), each declared once as a prometheus-net
/// instrument on the monitor's own <see cref="CollectorRegistry"/>. Processing time is observed on the
/// hot path (the summary the seed's dashboards query and a histogram); every other family is copied from
/// the monitor's tallies just before a scrape, so <c>GET /metrics</c> and the exposition show the same figures.
/// </summary>
/// <remarks>
/// Only the histogram is observed on the prediction path (a few interlocked updates). prometheus-net's
/// summary costs microseconds per observation, so it is fed before each scrape from the monitor's
/// latency window: the samples recorded since the previous scrape, at most the window's size.
/// </remarks>
internal sealed class MonitorPrometheusMetrics
{
    /// <summary>Upper bounds of the processing-time histogram, seconds (1 µs to 1 s).</summary>
    public static IReadOnlyList<double> LatencyBucketBoundsSeconds { get; } =
        [0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly MlMonitor _monitor;
    private readonly Lock _refreshGate = new();
    private readonly Action<double> _observeSummary;
    private long _summaryMark;
    private readonly Summary _processingTimeMs;
    private readonly Histogram _processingTimeSeconds;
    private readonly Counter _predictions;
    private readonly Counter _allowed;
    private readonly Counter _suppressed;
    private readonly Gauge _allowRate;
    private readonly Gauge _suppressionRate;
    private readonly Gauge _processingTimeAvg;
    private readonly Gauge _processingTimeMax;
    private readonly Gauge _throughputPerHour;
    private readonly Gauge _regimeDistribution;
    private readonly Counter _regimePredictions;
    private readonly Gauge _regimeConfidenceAvg;
    private readonly Gauge _signalProbabilityAvg;
    private readonly Counter _symbolPredictions;
    private readonly Counter _decisionReasons;
    private readonly Counter _joinTimeouts;
    private readonly Counter _rejected;
    private readonly Counter _rejectedByReason;
    private readonly Counter _auditWriteFailures;
    private readonly Gauge _activeAlerts;
    private readonly Gauge _alertFiring;
    private readonly Gauge _alertRules;
    private readonly Gauge _modelInfo;
    private readonly Gauge _configInfo;
    private readonly Gauge _lastDecision;
    private readonly Gauge _startTime;
    private readonly Gauge _uptime;

    public MonitorPrometheusMetrics(MlMonitor monitor, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _monitor = monitor;
        var metrics = Metrics.WithCustomRegistry(registry);
        _processingTimeMs = metrics.CreateSummary(
            "ml_layer_processing_time_ms",
            "Processing time per decision in milliseconds; quantiles over the last 10 minutes, sum and count since start (at most LatencyWindowSize decisions per scrape).",
            new SummaryConfiguration
            {
                Objectives = [new(0.5, 0.05), new(0.95, 0.005), new(0.99, 0.001)],
                MaxAge = TimeSpan.FromMinutes(10),
                AgeBuckets = 5,
            });
        _processingTimeSeconds = metrics.CreateHistogram(
            "ml_layer_processing_time_seconds",
            "Processing time per decision in seconds, since start.",
            new HistogramConfiguration { Buckets = [.. LatencyBucketBoundsSeconds], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        _observeSummary = _processingTimeMs.Observe;
        _predictions = metrics.CreateCounter("ml_layer_predictions_total", "Decisions made since start.");
        _allowed = metrics.CreateCounter("ml_layer_predictions_allowed_total", "Decisions that allowed the trade, since start.");
        _suppressed = metrics.CreateCounter("ml_layer_predictions_suppressed_total", "Decisions that suppressed the trade, since start.");
        _allowRate = metrics.CreateGauge("ml_layer_allow_rate", "Share of decisions allowing the trade since the last reset (0-1).");
        _suppressionRate = metrics.CreateGauge("ml_layer_suppression_rate", "Share of decisions suppressing the trade since the last reset (0-1).");
        _processingTimeAvg = metrics.CreateGauge("ml_layer_processing_time_avg_seconds", "Mean processing time over the last LatencyWindowSize decisions, seconds.");
        _processingTimeMax = metrics.CreateGauge("ml_layer_processing_time_max_seconds", "Largest processing time over the last LatencyWindowSize decisions, seconds.");
        _throughputPerHour = metrics.CreateGauge("ml_layer_throughput_per_hour", "Decisions in the trailing 60 minutes.");
        _regimeDistribution = metrics.CreateGauge("ml_layer_regime_distribution", "Share of decisions per regime since the last reset (0-1).", "regime");
        _regimePredictions = metrics.CreateCounter("ml_layer_regime_predictions_total", "Decisions per regime since start.", "regime");
        _regimeConfidenceAvg = metrics.CreateGauge("ml_layer_regime_confidence_avg", "Mean regime confidence since the last reset (0-1).");
        _signalProbabilityAvg = metrics.CreateGauge("ml_layer_signal_probability_avg", "Mean signal success probability since the last reset (0-1).");
        _symbolPredictions = metrics.CreateCounter("ml_layer_symbol_predictions_total", "Decisions per symbol since start.", "symbol");
        _decisionReasons = metrics.CreateCounter("ml_layer_decision_reasons_total", "Decision reasons per category (text before the first ':' or number) since start.", "reason");
        _joinTimeouts = metrics.CreateCounter("ml_layer_join_timeouts_total", "Bars decided fail-closed because one half never arrived, per missing half, since start.", "missing");
        _rejected = metrics.CreateCounter("ml_layer_rejected_messages_total", "Messages refused before the engine ran, since start.");
        _rejectedByReason = metrics.CreateCounter("ml_layer_rejected_messages_by_reason_total", "Messages refused before the engine ran, per reason category, since start.", "reason");
        _auditWriteFailures = metrics.CreateCounter("ml_layer_audit_write_failures_total", "Audit records (bus and HTTP) that could not be written, since start.");
        _activeAlerts = metrics.CreateGauge("ml_layer_active_alerts", "Alerts currently firing.");
        _alertFiring = metrics.CreateGauge("ml_layer_alert_firing", "One series per firing alert.", "alertname", "severity");
        _alertRules = metrics.CreateGauge("ml_layer_alert_rules", "Alert rules installed.");
        _modelInfo = metrics.CreateGauge("ml_layer_model_info", "Model versions of the latest decision.", "model", "version");
        _configInfo = metrics.CreateGauge("ml_layer_config_info", "Config hash of the latest decision.", "config_hash");
        _lastDecision = metrics.CreateGauge("ml_layer_last_decision_timestamp_seconds", "Unix time of the latest decision (0 before the first).");
        _startTime = metrics.CreateGauge("ml_layer_start_time_seconds", "Unix time the monitor started.");
        _uptime = metrics.CreateGauge("ml_layer_uptime_seconds", "Seconds since the monitor started.");
        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>The prediction-path part: one histogram observation.</summary>
    public void ObserveProcessingTime(double latencyMs) => _processingTimeSeconds.Observe(latencyMs / 1000.0);

    /// <summary>Copies the monitor's tallies into the instruments; runs before every collection.</summary>
    private void Refresh()
    {
        var snapshot = _monitor.GetSnapshot();
        var lifetime = _monitor.LifetimeTotals();
        lock (_refreshGate)
        {
            _summaryMark = _monitor.LatencySamplesSince(_summaryMark, _observeSummary);
            _predictions.IncTo(snapshot.PredictionsTotal);
            _allowed.IncTo(snapshot.AllowedTotal);
            _suppressed.IncTo(snapshot.SuppressedTotal);
            _allowRate.Set(snapshot.AllowRate);
            _suppressionRate.Set(snapshot.SuppressionRate);
            _processingTimeAvg.Set(snapshot.Latency.AvgMs / 1000.0);
            _processingTimeMax.Set(snapshot.Latency.MaxMs / 1000.0);
            _throughputPerHour.Set(snapshot.ThroughputPerHour);
            SetExactly(_regimeDistribution, snapshot.RegimeDistribution.Select(r => (new[] { r.Key }, r.Value)));
            for (var slot = 0; slot < RegimeSlot.Count; slot++)
            {
                if (slot < RegimeSlot.Count - 1 || lifetime.Regimes[slot] > 0)
                {
                    _regimePredictions.WithLabels(RegimeSlot.Labels[slot]).IncTo(lifetime.Regimes[slot]);
                }
            }

            _regimeConfidenceAvg.Set(snapshot.AvgRegimeConfidence);
            _signalProbabilityAvg.Set(snapshot.AvgSignalProbability);
            IncTo(_symbolPredictions, snapshot.PredictionsBySymbol);
            IncTo(_decisionReasons, snapshot.DecisionReasons);
            IncTo(_joinTimeouts, snapshot.JoinTimeoutsByMissingHalf);
            _rejected.IncTo(snapshot.RejectedTotal);
            IncTo(_rejectedByReason, snapshot.RejectedByReason);
            _auditWriteFailures.IncTo(lifetime.AuditWriteFailures);
            _activeAlerts.Set(snapshot.ActiveAlerts);
            SetExactly(_alertFiring, snapshot.Alerts.Select(a => (new[] { a.Name, a.Severity }, 1.0)));
            _alertRules.Set(_monitor.AlertRules.Count);
            SetExactly(_modelInfo, snapshot.ModelVersions.Select(m => (new[] { m.Key, m.Value }, 1.0)));
            SetExactly(_configInfo, snapshot.ConfigHash is null ? [] : [([snapshot.ConfigHash], 1.0)]);
            _lastDecision.Set(_monitor.LatestDecisionTime is { } latest ? latest.ToUnixTimeMilliseconds() / 1000.0 : 0);
            _startTime.Set(snapshot.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
            _uptime.Set(snapshot.UptimeSeconds);
        }
    }

    private static void IncTo(Counter counter, IReadOnlyDictionary<string, long> counts)
    {
        foreach (var (label, count) in counts)
        {
            counter.WithLabels(label).IncTo(count);
        }
    }

    /// <summary>Sets one series per label set and removes the series no longer present (a resolved alert, an old model version).</summary>
    internal static void SetExactly(Gauge gauge, IEnumerable<(string[] Labels, double Value)> series)
    {
        var wanted = series.ToList();
        foreach (var existing in gauge.GetAllLabelValues().ToList())
        {
            if (!wanted.Any(w => w.Labels.AsSpan().SequenceEqual(existing)))
            {
                gauge.RemoveLabelled(existing);
            }
        }

        foreach (var (labels, value) in wanted)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }
}
