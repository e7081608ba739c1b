using System.Diagnostics.Metrics;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The monitor's metrics as <see cref="System.Diagnostics.Metrics"/> instruments on the
/// <c>Arbitrex.MlLayer</c> meter, for dotnet-counters and OpenTelemetry. Counters and the latency
/// histogram are pushed from the hot path (free when nobody listens); the rest are observed on collection.
/// </summary>
internal sealed class MonitorInstruments : IDisposable
{
    private static readonly KeyValuePair<string, object?> AllowedTag = new("outcome", "allowed");
    private static readonly KeyValuePair<string, object?> SuppressedTag = new("outcome", "suppressed");

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _predictions;
    private readonly Histogram<double> _processingTime;
    private readonly Counter<long> _joinTimeouts;
    private readonly Counter<long> _rejected;

    public MonitorInstruments(MlMonitor monitor, IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MlMonitor.MeterName) ?? new Meter(MlMonitor.MeterName);
        _predictions = _meter.CreateCounter<long>("ml_layer.predictions", "{decision}", "Decisions made, tagged outcome=allowed|suppressed.");
        _processingTime = _meter.CreateHistogram<double>("ml_layer.processing_time", "ms", "Processing time per decision.");
        _joinTimeouts = _meter.CreateCounter<long>("ml_layer.join_timeouts", "{bar}", "Bars decided fail-closed because one half never arrived.");
        _rejected = _meter.CreateCounter<long>("ml_layer.rejected_messages", "{message}", "Messages refused before the engine ran.");
        _meter.CreateObservableGauge("ml_layer.allow_rate", () => monitor.SinceResetTotals().AllowRate, "1", "Share of decisions allowing the trade since the last reset.");
        _meter.CreateObservableGauge("ml_layer.suppression_rate", () => monitor.SinceResetTotals().SuppressionRate, "1", "Share of decisions suppressing the trade since the last reset.");
        _meter.CreateObservableGauge("ml_layer.regime_distribution", () => RegimeShares(monitor), "1", "Share of decisions per regime since the last reset.");
        _meter.CreateObservableGauge("ml_layer.regime_confidence_avg", () => monitor.SinceResetTotals().AvgConfidence, "1", "Mean regime confidence since the last reset.");
        _meter.CreateObservableGauge("ml_layer.signal_probability_avg", () => monitor.SinceResetTotals().AvgProbability, "1", "Mean signal success probability since the last reset.");
        _meter.CreateObservableGauge("ml_layer.throughput_per_hour", () => monitor.ThroughputPerHour(), "{decision}/h", "Decisions in the trailing 60 minutes.");
        _meter.CreateObservableGauge("ml_layer.active_alerts", () => monitor.FiringAlertCount, "{alert}", "Alerts currently firing.");
        _meter.CreateObservableGauge("ml_layer.uptime", () => monitor.UptimeSeconds, "s", "Seconds since the monitor started.");
    }

    public void Recorded(bool allowed, double latencyMs)
    {
        _predictions.Add(1, allowed ? AllowedTag : SuppressedTag);
        _processingTime.Record(latencyMs);
    }

    public void JoinTimedOut(string missingHalf) => _joinTimeouts.Add(1, new KeyValuePair<string, object?>("missing", missingHalf));

    public void Rejected() => _rejected.Add(1);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static IEnumerable<Measurement<double>> RegimeShares(MlMonitor monitor)
    {
        var totals = monitor.SinceResetTotals();
        for (var slot = 0; slot < RegimeSlot.Count; slot++)
        {
            yield return new Measurement<double>(totals.RegimeShare(slot), new KeyValuePair<string, object?>("regime", RegimeSlot.Labels[slot]));
        }
    }
}
