using System.Globalization;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>The drift families on the monitor's registry carry the report's figures and pass promtool's checks.</summary>
[Trait("Category", "Integration")]
public sealed class DriftPrometheusMetricsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestDecisions.Start);
    private readonly MlMonitor _monitor;
    private readonly DriftMonitor _drift;

    public DriftPrometheusMetricsTests()
    {
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions()), _time);
        _drift = new DriftMonitor(
            Options.Create(new DriftOptions { WindowBars = 300, MinSample = 200, RefreshInterval = TimeSpan.Zero }),
            new FixedBaselineSource("v1.0.0", LiveBars.Baseline()),
            _time,
            _monitor.Registry);
        _monitor.AttachDrift(_drift);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public async Task Each_feature_has_its_psi_and_ks_p_value_and_the_prediction_its_psi()
    {
        Feed(300);

        var exposition = await _monitor.ExportPrometheusAsync();
        var report = _drift.Report();

        await Promtool.AssertValidAsync(exposition);
        Assert.Contains(Line("ml_layer_feature_psi{feature=\"rsi\"}", report.Features["rsi"].Psi!.Value), exposition, StringComparison.Ordinal);
        Assert.Contains(Line("ml_layer_feature_ks_pvalue{feature=\"rsi\"}", report.Features["rsi"].KsPValue!.Value), exposition, StringComparison.Ordinal);
        Assert.Contains(Line("ml_layer_feature_psi_max", report.MaxPsi!.Value), exposition, StringComparison.Ordinal);
        Assert.Contains(Line("ml_layer_prediction_psi", report.Prediction.Psi!.Value), exposition, StringComparison.Ordinal);
        Assert.Contains("ml_layer_drift_window_bars 300", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_verdict_no_psi_series_is_exported()
    {
        Feed(199);

        var exposition = await _monitor.ExportPrometheusAsync();

        Assert.DoesNotContain("ml_layer_feature_psi{", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain("\nml_layer_prediction_psi ", exposition, StringComparison.Ordinal);
        Assert.Contains("ml_layer_drift_window_bars 199", exposition, StringComparison.Ordinal);
    }

    private void Feed(int count)
    {
        var probabilities = DriftSamples.Normal(98, count, mean: 0.6, deviation: 0.05);
        var bars = LiveBars.Stream(seed: 9, count: count);
        for (var i = 0; i < bars.Count; i++)
        {
            _drift.Record(bars[i], TestDecisions.Make(probability: probabilities[i]));
        }
    }

    private static string Line(string series, double value) => series + " " + value.ToString("R", CultureInfo.InvariantCulture);
}
