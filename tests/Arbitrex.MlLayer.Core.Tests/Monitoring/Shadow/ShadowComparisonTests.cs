using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Core.Tests.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Shadow;

[Trait("Category", "Unit")]
public sealed class ShadowComparisonTests
{
    [Fact]
    public void Agreement_and_probability_deltas_are_counted_since_start_and_over_the_window()
    {
        var comparison = new ShadowComparison(windowBars: 4);
        var deltas = new[] { 0.5, 0.0, 0.1, 0.2, 0.3, 0.0 };
        for (var i = 0; i < deltas.Length; i++)
        {
            var live = Decision(i, allowed: true, "TRENDING", 0.4);
            comparison.Record(live, Shadow(live, allowed: i != 0, i == 5 ? "RANGING" : "TRENDING", 0.4 + deltas[i]));
        }

        var report = comparison.Report();

        Assert.Equal(6, report.SinceStart.Bars);
        Assert.Equal(5.0 / 6, report.SinceStart.AllowTradeAgreement!.Value, 12);
        Assert.Equal(5.0 / 6, report.SinceStart.RegimeAgreement!.Value, 12);
        Assert.Equal(deltas.Sum() / 6, report.SinceStart.MeanProbabilityDelta!.Value, 12);
        Assert.Null(report.SinceStart.P95ProbabilityDelta);
        Assert.Equal(0.5, report.SinceStart.MaxProbabilityDelta!.Value, 12);

        // The window holds the last four bars: deltas 0.1, 0.2, 0.3, 0.0; the nearest-rank p95 of four is the largest.
        Assert.Equal(4, report.Window.Bars);
        Assert.Equal(1.0, report.Window.AllowTradeAgreement);
        Assert.Equal(0.75, report.Window.RegimeAgreement);
        Assert.Equal(0.6 / 4, report.Window.MeanProbabilityDelta!.Value, 12);
        Assert.Equal(0.3, report.Window.P95ProbabilityDelta!.Value, 12);
        Assert.Equal([Decision(5, true, "TRENDING", 0.4).DecisionId, Decision(0, true, "TRENDING", 0.4).DecisionId], report.Disagreements.Select(d => d.DecisionId));
        Assert.Equal(["regime"], report.Disagreements[0].Fields);
        Assert.Equal(["allow_trade"], report.Disagreements[1].Fields);
    }

    [Fact]
    public void Only_the_last_hundred_disagreements_are_kept_newest_first()
    {
        var comparison = new ShadowComparison(windowBars: 1000);
        for (var i = 0; i < 150; i++)
        {
            var live = Decision(i, allowed: true, "TRENDING", 0.7);
            comparison.Record(live, Shadow(live, allowed: false, "RANGING", 0.3));
        }

        var disagreements = comparison.Report().Disagreements;

        Assert.Equal(ShadowComparison.DisagreementCapacity, disagreements.Count);
        Assert.Equal(Decision(149, true, "TRENDING", 0.7).DecisionId, disagreements[0].DecisionId);
        Assert.Equal(Decision(50, true, "TRENDING", 0.7).DecisionId, disagreements[^1].DecisionId);
        Assert.Equal(["allow_trade", "regime"], disagreements[0].Fields);
        Assert.False(disagreements[0].Shadow.AllowTrade);
        Assert.True(disagreements[0].Live.AllowTrade);
    }

    [Fact]
    public void A_new_live_or_shadow_config_starts_the_comparison_afresh()
    {
        var comparison = new ShadowComparison(windowBars: 10);
        var live = Decision(0, allowed: true, "TRENDING", 0.7);
        comparison.Record(live, Shadow(live, allowed: false, "TRENDING", 0.3));

        var next = Decision(1, allowed: true, "TRENDING", 0.7);
        comparison.Record(next, Shadow(next, allowed: true, "TRENDING", 0.7) with { ConfigHash = "another-shadow" });
        var report = comparison.Report();

        Assert.Equal(1, report.SinceStart.Bars);
        Assert.Equal(1, report.Window.Bars);
        Assert.Equal("another-shadow", report.ShadowConfigHash);
        Assert.Empty(report.Disagreements);
    }

    [Fact]
    public void Without_bars_there_are_no_rates()
    {
        var report = new ShadowComparison(windowBars: 10).Report();

        Assert.Equal(0, report.Window.Bars);
        Assert.Null(report.Window.AllowTradeAgreement);
        Assert.Null(report.Window.P95ProbabilityDelta);
        Assert.Null(report.Since);
    }

    private static MlDecision Decision(int i, bool allowed, string regime, double probability)
    {
        var decision = AuditTestData.Decision(i, allowed: allowed, regime: regime);
        return decision with { Signal = decision.Signal with { SuccessProbability = probability }, ConfigHash = "live" };
    }

    private static MlDecision Shadow(MlDecision live, bool allowed, string regime, double probability) => live with
    {
        AllowTrade = allowed,
        Regime = live.Regime with { RegimeLabel = regime },
        Signal = live.Signal with { SuccessProbability = probability },
        ConfigHash = "shadow",
    };
}
