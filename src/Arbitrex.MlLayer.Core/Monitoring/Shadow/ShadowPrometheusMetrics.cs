using Prometheus;

namespace Arbitrex.MlLayer.Core.Monitoring.Shadow;

/// <summary>
/// The shadow comparison's Prometheus families, on the host's registry, copied from <see cref="ShadowComparison"/>
/// before each scrape: the windowed agreement and |Δ success_probability|, and what the shadow path did with its bars.
/// The agreement and delta series exist only while there are compared bars.
/// </summary>
public sealed class ShadowPrometheusMetrics
{
    private readonly ShadowComparison _comparison;
    private readonly ShadowPathCounters _counters;
    private readonly Lock _refreshGate = new();
    private readonly Gauge _agreement;
    private readonly Gauge _probabilityDelta;
    private readonly Gauge _windowBars;
    private readonly Counter _decided;
    private readonly Counter _dropped;
    private readonly Counter _skipped;
    private readonly Counter _failed;

    public ShadowPrometheusMetrics(ShadowComparison comparison, ShadowPathCounters counters, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(registry);
        _comparison = comparison;
        _counters = counters;
        var metrics = Metrics.WithCustomRegistry(registry);
        _agreement = metrics.CreateGauge("ml_layer_shadow_agreement", "Share of the windowed bars on which the shadow decision agrees with the live one (0-1), per field (allow_trade, regime).", "field");
        _probabilityDelta = metrics.CreateGauge("ml_layer_shadow_probability_delta", "|shadow - live| success_probability over the windowed bars, per statistic (mean, p95).", "stat");
        _windowBars = metrics.CreateGauge("ml_layer_shadow_window_bars", "Bars in the shadow comparison window (0 while no shadow has decided).");
        _decided = metrics.CreateCounter("ml_layer_shadow_decisions_total", "Bars decided by the shadow models since start.");
        _dropped = metrics.CreateCounter("ml_layer_shadow_dropped_total", "Bars the shadow left out because its queue was full, since start.");
        _skipped = metrics.CreateCounter("ml_layer_shadow_skipped_total", "Bars the shadow left out because the config changed between the live decision and its shadow, since start.");
        _failed = metrics.CreateCounter("ml_layer_shadow_failures_total", "Bars the shadow could not decide, audit or publish, since start.");
        registry.AddBeforeCollectCallback(Refresh);
    }

    private void Refresh()
    {
        var window = _comparison.Report().Window;
        lock (_refreshGate)
        {
            Set(_agreement, "allow_trade", window.AllowTradeAgreement);
            Set(_agreement, "regime", window.RegimeAgreement);
            Set(_probabilityDelta, "mean", window.MeanProbabilityDelta);
            Set(_probabilityDelta, "p95", window.P95ProbabilityDelta);
            _windowBars.Set(window.Bars);
            _decided.IncTo(_counters.Decided);
            _dropped.IncTo(_counters.Dropped);
            _skipped.IncTo(_counters.Skipped);
            _failed.IncTo(_counters.Failed);
        }
    }

    private static void Set(Gauge gauge, string label, double? value)
    {
        if (value is { } v)
        {
            gauge.WithLabels(label).Set(v);
        }
        else
        {
            gauge.RemoveLabelled(label);
        }
    }
}
