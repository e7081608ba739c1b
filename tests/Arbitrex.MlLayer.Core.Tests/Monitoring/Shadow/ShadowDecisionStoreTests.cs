using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Core.Tests.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Shadow;

[Trait("Category", "Unit")]
public sealed class ShadowDecisionStoreTests
{
    [Fact]
    public void The_oldest_decisions_are_forgotten_beyond_the_capacity()
    {
        var store = new ShadowDecisionStore(capacity: 3);
        for (var i = 0; i < 5; i++)
        {
            store.Add(AuditTestData.Decision(i));
        }

        Assert.Equal(3, store.Count);
        Assert.False(store.TryGet(AuditTestData.Decision(1).DecisionId, out _));
        Assert.True(store.TryGet(AuditTestData.Decision(2).DecisionId, out var kept));
        Assert.Equal(AuditTestData.Decision(2).BarTime, kept.BarTime);
    }

    [Fact]
    public void An_outcome_of_the_live_decision_is_scored_against_the_shadow_decision_of_the_same_bar()
    {
        var store = new ShadowDecisionStore(capacity: 10);
        var shadow = AuditTestData.Decision(7, allowed: true, regime: "TRENDING");
        shadow = shadow with
        {
            Signal = shadow.Signal with { SuccessProbability = 0.81 },
            ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0_rule_based", ["signal_filter"] = "v2.1.0" },
        };
        store.Add(shadow);
        var live = new ScoredOutcome(shadow.DecisionId, "v1.0.0_rule_based", "v1.0.0_rule_based", "RANGING", 0.2, false, true, 0.004, shadow.BarTime, shadow.BarTime.AddHours(8));

        var scored = store.ShadowOf(live);

        Assert.Equal(live with { SignalFilterVersion = "v2.1.0", Regime = "TRENDING", SuccessProbability = 0.81, AllowTrade = true }, scored);
        Assert.Null(store.ShadowOf(live with { DecisionId = "unknown" }));
    }
}
