using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

/// <summary>Each seed rule goes pending → firing → resolved on crafted traffic, on a fake clock.</summary>
[Trait("Category", "Unit")]
public sealed class DefaultAlertRulesTests : IDisposable
{
    private static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(TestDecisions.Start);
    private readonly MlMonitor _monitor;

    public DefaultAlertRulesTests()
    {
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions { AlertEvaluationInterval = EvaluationInterval }), _time);
    }

    public void Dispose() => _monitor.Dispose();

    [Fact]
    public void The_five_seed_rules_the_audit_rule_and_the_live_quality_rules_are_installed_by_default()
    {
        Assert.Equal(
            ["high_suppression_rate", "low_suppression_rate", "high_latency", "stressed_regime_spike", "low_confidence", "audit_write_failed", "low_live_auc", "live_brier_above_validation"],
            _monitor.AlertRules.Select(r => r.Name));
        Assert.Equal(("suppression_rate", ">", 0.90), (DefaultAlertRules.HighSuppressionRate.Metric, DefaultAlertRules.HighSuppressionRate.Operator, DefaultAlertRules.HighSuppressionRate.Threshold));
        Assert.Equal(("suppression_rate", "<", 0.10), (DefaultAlertRules.LowSuppressionRate.Metric, DefaultAlertRules.LowSuppressionRate.Operator, DefaultAlertRules.LowSuppressionRate.Threshold));
        Assert.Equal(("avg_processing_time_ms", ">", 10.0), (DefaultAlertRules.HighLatency.Metric, DefaultAlertRules.HighLatency.Operator, DefaultAlertRules.HighLatency.Threshold));
        Assert.Equal(("stressed_regime_rate", ">", 0.50), (DefaultAlertRules.StressedRegimeSpike.Metric, DefaultAlertRules.StressedRegimeSpike.Operator, DefaultAlertRules.StressedRegimeSpike.Threshold));
        Assert.Equal(("avg_regime_confidence", "<", 0.50), (DefaultAlertRules.LowConfidence.Metric, DefaultAlertRules.LowConfidence.Operator, DefaultAlertRules.LowConfidence.Threshold));
        Assert.Equal(("live_auc", "<", 0.52, 200), (DefaultAlertRules.LowLiveAuc.Metric, DefaultAlertRules.LowLiveAuc.Operator, DefaultAlertRules.LowLiveAuc.Threshold, DefaultAlertRules.LowLiveAuc.MinSamples));
        Assert.Equal(("live_brier_excess", ">", new LiveQualityOptions().BrierMargin), (DefaultAlertRules.LiveBrierAboveValidation.Metric, DefaultAlertRules.LiveBrierAboveValidation.Operator, DefaultAlertRules.LiveBrierAboveValidation.Threshold));
    }

    [Fact]
    public Task High_suppression_rate_fires_and_resolves() => FiresThenResolvesAsync(
        DefaultAlertRules.HighSuppressionRate,
        breach: i => TestDecisions.Make(allowed: false),
        recovery: i => TestDecisions.Make(allowed: true));

    [Fact]
    public Task Low_suppression_rate_fires_and_resolves() => FiresThenResolvesAsync(
        DefaultAlertRules.LowSuppressionRate,
        breach: i => TestDecisions.Make(allowed: true),
        recovery: i => TestDecisions.Make(allowed: false));

    [Fact]
    public Task High_latency_fires_and_resolves() => FiresThenResolvesAsync(
        DefaultAlertRules.HighLatency,
        breach: i => TestDecisions.Make(allowed: i % 2 == 0, latencyMs: 25),
        recovery: i => TestDecisions.Make(allowed: i % 2 == 0, latencyMs: 0.5),
        recoveryCount: 300);

    [Fact]
    public Task Stressed_regime_spike_fires_and_resolves() => FiresThenResolvesAsync(
        DefaultAlertRules.StressedRegimeSpike,
        breach: i => TestDecisions.Make(regime: "STRESSED", allowed: i % 2 == 0),
        recovery: i => TestDecisions.Make(regime: "TRENDING", allowed: i % 2 == 0));

    [Fact]
    public Task Low_confidence_fires_and_resolves() => FiresThenResolvesAsync(
        DefaultAlertRules.LowConfidence,
        breach: i => TestDecisions.Make(confidence: 0.3, allowed: i % 2 == 0),
        recovery: i => TestDecisions.Make(confidence: 0.9, allowed: i % 2 == 0));

    [Fact]
    public void A_single_suppressed_prediction_does_not_raise_the_suppression_alert()
    {
        _monitor.Record(TestDecisions.Make(allowed: false));

        Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(_monitor.PendingAlerts);
        Assert.Empty(_monitor.ActiveAlerts);
    }

    [Fact]
    public void A_breach_shorter_than_the_for_duration_never_fires()
    {
        _monitor.RecordMany(30, _ => TestDecisions.Make(allowed: false));
        Advance(TimeSpan.FromMinutes(3));
        Assert.Contains(_monitor.PendingAlerts, a => a.Name == "high_suppression_rate");

        _monitor.RecordMany(30, _ => TestDecisions.Make(allowed: true));
        Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(_monitor.PendingAlerts);
        Assert.Empty(_monitor.ActiveAlerts);
        Assert.Empty(_monitor.GetAlertHistory());
    }

    private async Task FiresThenResolvesAsync(AlertRule rule, Func<int, MlDecision> breach, Func<int, MlDecision> recovery, int recoveryCount = 30)
    {
        _monitor.RecordMany(30, breach);

        Advance(EvaluationInterval);
        var pending = Assert.Single(_monitor.PendingAlerts, a => a.Name == rule.Name);
        Assert.Equal(TestDecisions.Start + EvaluationInterval, pending.PendingSince);
        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == rule.Name);

        Advance(rule.For - EvaluationInterval);
        Assert.Contains(_monitor.PendingAlerts, a => a.Name == rule.Name);

        Advance(EvaluationInterval);
        var firing = Assert.Single(_monitor.ActiveAlerts, a => a.Name == rule.Name);
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(TestDecisions.Start + EvaluationInterval + rule.For, firing.FiredAt);
        Assert.Equal(rule.Severity, firing.Severity);
        Assert.Contains("ml_layer_active_alerts " + _monitor.ActiveAlerts.Count, (await _monitor.ExportPrometheusAsync()).Split('\n'));

        _monitor.RecordMany(recoveryCount, recovery);
        Advance(EvaluationInterval);

        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == rule.Name);
        var history = _monitor.GetAlertHistory().Where(a => a.Name == rule.Name).ToList();
        Assert.Equal([AlertState.Resolved, AlertState.Firing], history.Select(a => a.State));
        Assert.Equal(TestDecisions.Start + EvaluationInterval + rule.For + EvaluationInterval, history[0].ResolvedAt);
    }

    private void Advance(TimeSpan by)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < by; elapsed += EvaluationInterval)
        {
            _time.Advance(EvaluationInterval);
        }
    }
}
