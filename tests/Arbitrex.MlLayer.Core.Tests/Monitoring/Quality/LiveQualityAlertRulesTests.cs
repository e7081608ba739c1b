using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>The default live quality rules on a monitor fed outcomes, on a fake clock.</summary>
[Trait("Category", "Unit")]
public sealed class LiveQualityAlertRulesTests : IDisposable
{
    private static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(Outcomes.Start);
    private readonly LiveQualityTracker _tracker;
    private readonly MlMonitor _monitor;

    public LiveQualityAlertRulesTests()
    {
        var briers = new Dictionary<string, double> { ["v1.0.0"] = 0.20 };
        _tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions { MinOutcomes = 30, BrierMargin = 0.05 }), _time, new FixedValidationBriers(briers));
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions { AlertEvaluationInterval = EvaluationInterval }), _time, liveQuality: _tracker);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public void The_brier_rule_takes_its_margin_from_the_live_quality_options()
    {
        var rule = Assert.Single(_monitor.AlertRules, r => r.Name == DefaultAlertRules.LiveBrierAboveValidation.Name);

        Assert.Equal(0.05, rule.Threshold);
        Assert.Equal(200, Assert.Single(_monitor.AlertRules, r => r.Name == "low_live_auc").MinSamples);
    }

    [Fact]
    public void Low_live_auc_waits_for_200_outcomes_then_fires_naming_the_version_and_resolves()
    {
        // Inverted ranking: the higher the probability, the likelier a loss (AUC well below 0.52).
        RecordInverted(199);
        Advance(EvaluationInterval);
        Assert.DoesNotContain(_monitor.PendingAlerts, a => a.Name == "low_live_auc");

        RecordInverted(1);
        Advance(EvaluationInterval);
        Assert.Contains(_monitor.PendingAlerts, a => a.Name == "low_live_auc");
        Advance(DefaultAlertRules.LowLiveAuc.For);
        var firing = Assert.Single(_monitor.ActiveAlerts, a => a.Name == "low_live_auc");
        Assert.True(firing.Value < 0.52);
        Assert.Contains("(signal_filter v1.0.0, 200 outcomes)", firing.Message, StringComparison.Ordinal);

        // Well-ranked outcomes outweigh the inverted ones.
        for (var i = 0; i < 800; i++)
        {
            var p = 0.05 + (0.9 * (i % 100) / 100.0);
            _tracker.Record(Outcomes.Make(p, success: p > 0.5));
        }

        Advance(EvaluationInterval);
        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == "low_live_auc");
        Assert.Contains(_monitor.GetAlertHistory(), a => a.Name == "low_live_auc" && a.State == AlertState.Resolved);
    }

    [Fact]
    public void Brier_above_validation_by_more_than_the_margin_fires_only_for_a_version_with_a_validation_brier()
    {
        // v2.0.0 is terrible (Brier 1) but has no validation Brier, so it cannot breach.
        for (var i = 0; i < 40; i++)
        {
            _tracker.Record(Outcomes.Make(1.0, success: false, version: "v2.0.0"));
        }

        Advance(EvaluationInterval + DefaultAlertRules.LiveBrierAboveValidation.For);
        Assert.DoesNotContain(_monitor.PendingAlerts.Concat(_monitor.ActiveAlerts), a => a.Name == "live_brier_above_validation");

        // v1.0.0: Brier 0.36 against 0.20 on validation, 0.16 above it.
        for (var i = 0; i < 30; i++)
        {
            _tracker.Record(Outcomes.Make(0.6, success: false));
        }

        Advance(EvaluationInterval + DefaultAlertRules.LiveBrierAboveValidation.For);
        var firing = Assert.Single(_monitor.ActiveAlerts, a => a.Name == "live_brier_above_validation");
        Assert.Equal(0.16, firing.Value!.Value, 1e-12);
        Assert.Contains("signal_filter v1.0.0", firing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_rule_asking_for_fewer_than_one_sample_is_refused_naming_min_samples(int minSamples)
    {
        var rule = DefaultAlertRules.LowLiveAuc with { Name = "custom_auc", MinSamples = minSamples };

        var refusal = Assert.Throws<InvalidAlertRuleException>(() => _monitor.AddAlertRule(rule));

        Assert.Equal("min_samples", refusal.Field);
    }

    [Fact]
    public void The_snapshot_carries_the_live_quality_section()
    {
        RecordInverted(50);

        var live = _monitor.GetSnapshot().LiveQuality!;

        Assert.Equal(50, live.OutcomesTotal);
        Assert.Equal((5_000, 24, 30), (live.WindowOutcomes, live.WindowHours, live.MinOutcomes));
        Assert.Equal(50, Assert.Single(live.Versions).Overall.Outcomes);
    }

    private void RecordInverted(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var p = 0.05 + (0.9 * (i % 10) / 10.0);
            _tracker.Record(Outcomes.Make(p, success: p < 0.5));
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
