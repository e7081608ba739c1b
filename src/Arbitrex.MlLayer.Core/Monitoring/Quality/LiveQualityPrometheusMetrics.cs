using Prometheus;

namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// The live quality families on the monitor's registry, copied from <see cref="LiveQualityTracker"/> just
/// before each scrape. A figure reported as insufficient or undefined has no series (it is never a number,
/// and an absent series keeps Prometheus rules from comparing it); its count stays in <c>ml_layer_live_outcomes</c>.
/// </summary>
internal sealed class LiveQualityPrometheusMetrics
{
    /// <summary>The <c>regime</c> label of a version's hit rate over all regimes.</summary>
    public const string AllRegimes = "all";

    private readonly LiveQualityTracker _tracker;
    private readonly Lock _refreshGate = new();
    private readonly Counter _outcomes;
    private readonly Gauge _windowOutcomes;
    private readonly Gauge _auc;
    private readonly Gauge _brier;
    private readonly Gauge _logLoss;
    private readonly Gauge _hitRate;
    private readonly Gauge _validationBrier;

    private LiveQualityPrometheusMetrics(LiveQualityTracker tracker, CollectorRegistry registry)
    {
        _tracker = tracker;
        var metrics = Metrics.WithCustomRegistry(registry);
        _outcomes = metrics.CreateCounter("ml_layer_outcomes_total", "Trade outcomes recorded (joined to their decision) since start.");
        _windowOutcomes = metrics.CreateGauge("ml_layer_live_outcomes", "Outcomes in the live quality window per signal filter version.", "model_version");
        _auc = metrics.CreateGauge("ml_layer_live_auc", "Live AUC of success_probability against success per signal filter version (absent when insufficient or one class only).", "model_version");
        _brier = metrics.CreateGauge("ml_layer_live_brier", "Live Brier score per signal filter version (absent when insufficient).", "model_version");
        _logLoss = metrics.CreateGauge("ml_layer_live_log_loss", "Live log-loss per signal filter version (absent when insufficient).", "model_version");
        _hitRate = metrics.CreateGauge("ml_layer_live_hit_rate", "Live success rate of allowed trades per signal filter version and regime (regime=\"all\": every regime; absent when insufficient).", "model_version", "regime");
        _validationBrier = metrics.CreateGauge("ml_layer_model_validation_brier", "Brier score of a tracked signal filter version on its validation split (registry metadata brier_score).", "model_version");
        registry.AddBeforeCollectCallback(Refresh);
    }

    public static void Register(LiveQualityTracker tracker, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(registry);
        _ = new LiveQualityPrometheusMetrics(tracker, registry);
    }

    private void Refresh()
    {
        var snapshot = _tracker.Snapshot();
        lock (_refreshGate)
        {
            _outcomes.IncTo(snapshot.OutcomesTotal);
            var versions = snapshot.Versions;
            MonitorPrometheusMetrics.SetExactly(_windowOutcomes, versions.Select(v => (new[] { v.ModelVersion }, (double)v.Overall.Outcomes)));
            MonitorPrometheusMetrics.SetExactly(_auc, Figures(versions, f => f.Auc));
            MonitorPrometheusMetrics.SetExactly(_brier, Figures(versions, f => f.Brier));
            MonitorPrometheusMetrics.SetExactly(_logLoss, Figures(versions, f => f.LogLoss));
            MonitorPrometheusMetrics.SetExactly(_hitRate, versions.SelectMany(HitRates));
            MonitorPrometheusMetrics.SetExactly(_validationBrier, versions
                .Select(v => (Version: v.ModelVersion, Brier: _tracker.ValidationBriers?.ValidationBrierOf(v.ModelVersion)))
                .Where(v => v.Brier is not null)
                .Select(v => (new[] { v.Version }, v.Brier!.Value)));
        }
    }

    private static IEnumerable<(string[] Labels, double Value)> Figures(IEnumerable<VersionQuality> versions, Func<QualityFigures, QualityFigure> figure) =>
        versions.Where(v => figure(v.Overall).Value is not null).Select(v => (new[] { v.ModelVersion }, figure(v.Overall).Value!.Value));

    private static IEnumerable<(string[] Labels, double Value)> HitRates(VersionQuality version)
    {
        if (version.Overall.HitRate.Value is { } overall)
        {
            yield return ([version.ModelVersion, AllRegimes], overall);
        }

        foreach (var (regime, figures) in version.Regimes)
        {
            if (figures.HitRate.Value is { } rate)
            {
                yield return ([version.ModelVersion, regime], rate);
            }
        }
    }
}
