using Prometheus;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The drift families, refreshed from <see cref="DriftMonitor.Report"/> before each collection. A feature without a
/// verdict (too few bars, no baseline) has no PSI or KS series, so a dashboard shows a gap rather than a number that means nothing.
/// </summary>
internal sealed class DriftPrometheusMetrics
{
    private readonly DriftMonitor _drift;
    private readonly Gauge _featurePsi;
    private readonly Gauge _featurePsiMax;
    private readonly Gauge _ksPValue;
    private readonly Gauge _ksStatistic;
    private readonly Gauge _predictionPsi;
    private readonly Gauge _windowBars;

    public DriftPrometheusMetrics(DriftMonitor drift, CollectorRegistry registry)
    {
        _drift = drift;
        var metrics = Metrics.WithCustomRegistry(registry);
        _featurePsi = metrics.CreateGauge("ml_layer_feature_psi", "PSI of each feature over the live window against the active signal filter's baseline (0.1 moderate, 0.25 significant).", "feature");
        _featurePsiMax = metrics.CreateGauge("ml_layer_feature_psi_max", "The largest feature PSI over the live window (absent without a verdict).");
        _ksPValue = metrics.CreateGauge("ml_layer_feature_ks_pvalue", "Two-sample KS p-value of each feature, live window against the baseline sample.", "feature");
        _ksStatistic = metrics.CreateGauge("ml_layer_feature_ks_statistic", "Two-sample KS statistic D of each feature, live window against the baseline sample.", "feature");
        _predictionPsi = metrics.CreateGauge("ml_layer_prediction_psi", "PSI of success_probability over the live window against the validation predictions.");
        _windowBars = metrics.CreateGauge("ml_layer_drift_window_bars", "Bars in the live drift window.");
        registry.AddBeforeCollectCallback(Refresh);
    }

    private void Refresh()
    {
        var report = _drift.Report();
        _windowBars.Set(report.SampleSize);
        SetExactly(_featurePsi, report.Features.Where(f => f.Value.Psi is not null).Select(f => (f.Key, f.Value.Psi!.Value)));
        SetExactly(_ksPValue, report.Features.Where(f => f.Value.KsPValue is not null).Select(f => (f.Key, f.Value.KsPValue!.Value)));
        SetExactly(_ksStatistic, report.Features.Where(f => f.Value.KsStatistic is not null).Select(f => (f.Key, f.Value.KsStatistic!.Value)));
        SetOrUnpublish(_featurePsiMax, report.MaxPsi);
        SetOrUnpublish(_predictionPsi, report.Prediction.Psi);
    }

    private static void SetOrUnpublish(Gauge gauge, double? value)
    {
        if (value is { } v)
        {
            gauge.Set(v);
            gauge.Publish();
        }
        else
        {
            gauge.Unpublish();
        }
    }

    private static void SetExactly(Gauge gauge, IEnumerable<(string Feature, double Value)> series)
    {
        var wanted = series.ToDictionary(s => s.Feature, s => s.Value, StringComparer.Ordinal);
        foreach (var existing in gauge.GetAllLabelValues().ToList())
        {
            if (!wanted.ContainsKey(existing[0]))
            {
                gauge.RemoveLabelled(existing);
            }
        }

        foreach (var (feature, value) in wanted)
        {
            gauge.WithLabels(feature).Set(value);
        }
    }
}
