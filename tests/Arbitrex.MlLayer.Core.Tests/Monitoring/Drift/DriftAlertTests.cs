using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>
/// Bars stream through the drift window; one feature shifts at a known bar. The default feature_drift rule goes
/// pending once the window holds the shifted bars, fires after its <c>for</c> time, and resolves when the inputs come
/// back. On a fake clock: the alert timer runs as the clock advances, nothing sleeps.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DriftAlertTests : IDisposable
{
    private static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(10);
    private const int Window = 500;

    private readonly FakeTimeProvider _time = new(TestDecisions.Start);
    private readonly MlMonitor _monitor;
    private readonly DriftMonitor _drift;

    public DriftAlertTests()
    {
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions { AlertEvaluationInterval = EvaluationInterval }), _time);
        _drift = new DriftMonitor(
            Options.Create(new DriftOptions { WindowBars = Window, MinSample = Window, RefreshInterval = TimeSpan.Zero }),
            new FixedBaselineSource("v1.0.0", LiveBars.Baseline()),
            _time);
        _monitor.AttachDrift(_drift);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public void A_feature_shifted_from_bar_500_raises_the_drift_alert_which_fires_and_resolves_when_inputs_return()
    {
        var rule = DefaultAlertRules.FeatureDrift;
        var bars = LiveBars.Stream(seed: 1, count: 1000, shifted: "rsi", shift: 1.0, shiftFrom: 500);

        // Bars 0–499 as in training: a verdict (500 bars), no drift.
        Feed(bars.Take(500));
        Advance(EvaluationInterval);
        Assert.Equal(DriftLevels.None, _drift.Report().Features["rsi"].Level);
        Assert.DoesNotContain(_monitor.PendingAlerts, a => a.Name == rule.Name);

        // Bars 500–999: rsi moves up by one standard deviation; the window now holds only shifted bars.
        var shiftedAt = _time.GetUtcNow();
        Feed(bars.Skip(500));
        Advance(EvaluationInterval);
        var report = _drift.Report();
        Assert.Equal(DriftLevels.Significant, report.Features["rsi"].Level);
        Assert.True(report.Features["rsi"].KsPValue < 1e-6);
        Assert.All(report.Features.Where(f => f.Key != "rsi"), f => Assert.NotEqual(DriftLevels.Significant, f.Value.Level));
        var pending = Assert.Single(_monitor.PendingAlerts, a => a.Name == rule.Name);
        Assert.Equal(shiftedAt + EvaluationInterval, pending.PendingSince);
        Assert.Equal(report.MaxPsi, pending.Value);

        Advance(rule.For - EvaluationInterval);
        Assert.Contains(_monitor.PendingAlerts, a => a.Name == rule.Name);
        Advance(EvaluationInterval);
        var firing = Assert.Single(_monitor.ActiveAlerts, a => a.Name == rule.Name);
        Assert.Equal(shiftedAt + EvaluationInterval + rule.For, firing.FiredAt);

        // The inputs return to the training distribution: 500 new unshifted bars replace the window.
        Feed(LiveBars.Stream(seed: 2, count: Window));
        Advance(EvaluationInterval);
        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == rule.Name);
        Assert.Equal([AlertState.Resolved, AlertState.Firing], _monitor.GetAlertHistory().Where(a => a.Name == rule.Name).Select(a => a.State));
    }

    [Fact]
    public void Fewer_bars_than_the_minimum_sample_give_no_verdict_however_far_they_drift()
    {
        Feed(LiveBars.Stream(seed: 3, count: Window - 1, shifted: "rsi", shift: 5.0));
        Advance(TimeSpan.FromMinutes(10));

        var report = _drift.Report();
        Assert.Equal(Window - 1, report.SampleSize);
        Assert.All(report.Features.Values, f => Assert.Equal((DriftLevels.Insufficient, Window - 1, (double?)null), (f.Level, f.N, f.Psi)));
        Assert.Null(report.MaxPsi);
        Assert.DoesNotContain(_monitor.PendingAlerts, a => a.Name == DefaultAlertRules.FeatureDrift.Name);
        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == DefaultAlertRules.FeatureDrift.Name);
    }

    private void Feed(IEnumerable<IReadOnlyDictionary<string, double>> bars)
    {
        foreach (var bar in bars)
        {
            var decision = TestDecisions.Make();
            _drift.Record(bar, decision);
            _monitor.Record(decision);
        }
    }

    private void Advance(TimeSpan by)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < by; elapsed += EvaluationInterval)
        {
            _time.Advance(EvaluationInterval);
        }
    }
}
