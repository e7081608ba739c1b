using System.Globalization;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>The live quality families in the monitor's Prometheus exposition, checked by Debian's promtool.</summary>
[Trait("Category", "Integration")]
public sealed class LiveQualityExpositionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(Outcomes.Start);
    private readonly LiveQualityTracker _tracker;
    private readonly MlMonitor _monitor;

    public LiveQualityExpositionTests()
    {
        var briers = new Dictionary<string, double> { ["v1.0.0"] = 0.21 };
        _tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions { MinOutcomes = 30 }), _time, new FixedValidationBriers(briers));
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions()), _time, liveQuality: _tracker);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public async Task Sufficient_figures_are_exported_per_version_and_regime_and_promtool_accepts_the_exposition()
    {
        foreach (var outcome in Outcomes.Random(400, seed: 17))
        {
            _tracker.Record(outcome);
        }

        var lines = (await _monitor.ExportPrometheusAsync()).Split('\n');
        var quality = _tracker.Of("v1.0.0");

        Assert.Contains("ml_layer_outcomes_total 400", lines);
        Assert.Contains("ml_layer_live_outcomes{model_version=\"v1.0.0\"} 400", lines);
        Assert.Equal(quality.Overall.Auc.Value!.Value, ValueOf(lines, "ml_layer_live_auc{model_version=\"v1.0.0\"}"), 1e-12);
        Assert.Equal(quality.Overall.Brier.Value!.Value, ValueOf(lines, "ml_layer_live_brier{model_version=\"v1.0.0\"}"), 1e-12);
        Assert.Equal(quality.Overall.HitRate.Value!.Value, ValueOf(lines, "ml_layer_live_hit_rate{model_version=\"v1.0.0\",regime=\"all\"}"), 1e-12);
        Assert.Equal(quality.Regimes["RANGING"].HitRate.Value!.Value, ValueOf(lines, "ml_layer_live_hit_rate{model_version=\"v1.0.0\",regime=\"RANGING\"}"), 1e-12);
        Assert.Equal(0.21, ValueOf(lines, "ml_layer_model_validation_brier{model_version=\"v1.0.0\"}"));
        await Promtool.AssertValidAsync(string.Join('\n', lines));
    }

    [Fact]
    public async Task Insufficient_figures_have_no_series_but_their_count_is_exported()
    {
        for (var i = 0; i < 29; i++)
        {
            _tracker.Record(Outcomes.Make(0.3 + (0.01 * i), success: i % 3 == 0, version: "v2.0.0"));
        }

        var exposition = await _monitor.ExportPrometheusAsync();
        var lines = exposition.Split('\n');

        Assert.Contains("ml_layer_live_outcomes{model_version=\"v2.0.0\"} 29", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ml_layer_live_auc{", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("ml_layer_live_brier{", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("ml_layer_live_hit_rate{", StringComparison.Ordinal));
        await Promtool.AssertValidAsync(exposition);

        _tracker.Record(Outcomes.Make(0.9, success: true, version: "v2.0.0"));
        Assert.Contains((await _monitor.ExportPrometheusAsync()).Split('\n'), l => l.StartsWith("ml_layer_live_auc{model_version=\"v2.0.0\"} ", StringComparison.Ordinal));
    }

    private static double ValueOf(IEnumerable<string> lines, string series) =>
        double.Parse(lines.Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], CultureInfo.InvariantCulture);
}
