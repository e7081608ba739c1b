using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Outcomes;

[Trait("Category", "Unit")]
public sealed class ScorableDecisionsTests
{
    private static readonly DeterministicEngine Engine = new();

    [Fact]
    public void The_oldest_decision_is_forgotten_beyond_the_capacity()
    {
        var decisions = new ScorableDecisions(2);
        for (var bar = 0; bar < 3; bar++)
        {
            decisions.Add(Engine.FailClosed("EURUSD", "4H", Bars.Start.AddHours(4 * bar), "Join timeout"));
        }

        Assert.Equal(2, decisions.Count);
        Assert.False(decisions.TryGet(Bars.Id("EURUSD", 0), out _));
        Assert.True(decisions.TryGet(Bars.Id("EURUSD", 2), out var newest));
        Assert.Equal(new BarKey("EURUSD", "4H", Bars.Start.AddHours(8)), newest.Bar);
    }

    [Fact]
    public void A_decision_keeps_what_an_outcome_is_joined_with_and_the_first_one_remembered_stays()
    {
        var decisions = new ScorableDecisions(10);
        var decision = Engine.FailClosed("EURUSD", "4H", Bars.Start, "Join timeout");
        decisions.Add(decision);
        decisions.Add(decision with { Signal = decision.Signal with { SuccessProbability = 0.9 } });

        Assert.True(decisions.TryGet(decision.DecisionId, out var kept));
        Assert.Equal(0.6, kept.SignalProbability);
        Assert.False(kept.Allowed);
        Assert.Equal("TRENDING", kept.Regime);
        Assert.Equal("test", kept.SignalFilterVersion);
        Assert.Equal("test", kept.RegimeClassifierVersion);
        Assert.Equal("0123456789abcdef", kept.ConfigHash);
        Assert.False(kept.OutcomeRecorded);
    }

    [Fact]
    public void Decisions_with_the_same_model_versions_share_one_copy_of_them()
    {
        var decisions = new ScorableDecisions(10);
        decisions.Add(Engine.FailClosed("EURUSD", "4H", Bars.Start, "Join timeout"));
        decisions.Add(Engine.FailClosed("GBPUSD", "4H", Bars.Start, "Join timeout"));

        decisions.TryGet(Bars.Id("EURUSD", 0), out var first);
        decisions.TryGet(Bars.Id("GBPUSD", 0), out var second);

        Assert.Same(first.ModelVersions, second.ModelVersions);
    }
}
