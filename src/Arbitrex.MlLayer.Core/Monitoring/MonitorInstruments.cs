using System.Diagnostics.Metrics;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The monitor's figures as <see cref="System.Diagnostics.Metrics"/> instruments on the
/// <c>Arbitrex.MlLayer</c> meter, for dotnet-counters and OpenTelemetry. Every instrument is observed
/// from the monitor's tallies on collection (nothing is pushed from the prediction path), so the meter,
/// the Prometheus exposition and <c>GET /metrics</c> read one set of figures.
/// </summary>
internal sealed class MonitorInstruments : IDisposable
{
    private static readonly KeyValuePair<string, object?> AllowedTag = new("outcome", "allowed");
    private static readonly KeyValuePair<string, object?> SuppressedTag = new("outcome", "suppressed");

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public MonitorInstruments(MlMonitor monitor, IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MlMonitor.MeterName) ?? new Meter(MlMonitor.MeterName);
        _meter.CreateObservableCounter("ml_layer.predictions", () => Outcomes(monitor), "{decision}", "Decisions made, tagged outcome=allowed|suppressed.");
        _meter.CreateObservableCounter("ml_layer.processing_time", () => monitor.LifetimeTotals().LatencySumMs, "ms", "Total processing time of every decision.");
        _meter.CreateObservableCounter("ml_layer.join_timeouts", () => Labelled(monitor.JoinTimeoutCounts(), "missing"), "{bar}", "Bars decided fail-closed because one half never arrived.");
        _meter.CreateObservableCounter("ml_layer.rejected_messages", () => monitor.LifetimeTotals().Rejected, "{message}", "Messages refused before the engine ran.");
        _meter.CreateObservableGauge("ml_layer.allow_rate", () => monitor.SinceResetTotals().AllowRate, "1", "Share of decisions allowing the trade since the last reset.");
        _meter.CreateObservableGauge("ml_layer.suppression_rate", () => monitor.SinceResetTotals().SuppressionRate, "1", "Share of decisions suppressing the trade since the last reset.");
        _meter.CreateObservableGauge("ml_layer.regime_distribution", () => RegimeShares(monitor), "1", "Share of decisions per regime since the last reset.");
        _meter.CreateObservableGauge("ml_layer.regime_confidence_avg", () => monitor.SinceResetTotals().AvgConfidence, "1", "Mean regime confidence since the last reset.");
        _meter.CreateObservableGauge("ml_layer.signal_probability_avg", () => monitor.SinceResetTotals().AvgProbability, "1", "Mean signal success probability since the last reset.");
        _meter.CreateObservableGauge("ml_layer.throughput_per_hour", () => monitor.ThroughputPerHour(), "{decision}/h", "Decisions in the trailing 60 minutes.");
        _meter.CreateObservableGauge("ml_layer.active_alerts", () => monitor.FiringAlertCount, "{alert}", "Alerts currently firing.");
        _meter.CreateObservableGauge("ml_layer.uptime", () => monitor.UptimeSeconds, "s", "Seconds since the monitor started.");
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static Measurement<long>[] Outcomes(MlMonitor monitor)
    {
        var totals = monitor.LifetimeTotals();
        return [new(totals.Allowed, AllowedTag), new(totals.Suppressed, SuppressedTag)];
    }

    private static IEnumerable<Measurement<long>> Labelled(IReadOnlyDictionary<string, long> counts, string tag) =>
        counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>(tag, c.Key)));

    private static IEnumerable<Measurement<double>> RegimeShares(MlMonitor monitor)
    {
        var totals = monitor.SinceResetTotals();
        for (var slot = 0; slot < RegimeSlot.Count; slot++)
        {
            yield return new Measurement<double>(totals.RegimeShare(slot), new KeyValuePair<string, object?>("regime", RegimeSlot.Labels[slot]));
        }
    }
}
