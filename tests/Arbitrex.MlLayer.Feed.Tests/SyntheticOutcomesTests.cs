using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class SyntheticOutcomesTests
{
    private static MlDecision Decision(string regime, int bar) => new()
    {
        DecisionId = "id" + bar,
        Symbol = "SYN000",
        Timeframe = "4H",
        BarTime = new DateTime(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc).AddHours(4 * bar),
        Timestamp = DateTime.UtcNow,
        AllowTrade = true,
        Regime = new RegimePrediction { RegimeLabel = regime, Confidence = 0.7, EfficiencyRatio = 0.5, Probabilities = new Dictionary<string, double>() },
        Signal = new SignalPrediction { SuccessProbability = 0.6, ShouldEnter = true, ShouldExit = false, ConfidenceLevel = "MEDIUM", TopFeatures = [] },
        DecisionReasons = [],
        QseValid = true,
        ProcessingTimeMs = 0.1,
        ConfigHash = "0123456789abcdef",
        ModelVersions = new Dictionary<string, string>(),
    };

    [Fact]
    public void Each_regime_succeeds_at_its_hit_rate_and_an_unnamed_one_at_a_half()
    {
        var rates = new Dictionary<string, double> { ["TRENDING"] = 0.8, ["RANGING"] = 0.2 };
        var random = new Random(7);
        const int Draws = 20_000;

        double Rate(string regime) =>
            Enumerable.Range(0, Draws).Count(bar => SyntheticOutcomes.For(Decision(regime, bar), rates, random).Success) / (double)Draws;

        // 20,000 draws: the standard error is at most 0.0036, so 0.02 is more than five of them.
        Assert.InRange(Rate("TRENDING"), 0.78, 0.82);
        Assert.InRange(Rate("RANGING"), 0.18, 0.22);
        Assert.InRange(Rate("STRESSED"), 0.48, 0.52);
    }

    [Fact]
    public void An_outcome_names_the_decision_and_its_bar_and_its_return_has_the_sign_of_its_success()
    {
        var decision = Decision("TRENDING", 3);

        var outcome = SyntheticOutcomes.For(decision, new Dictionary<string, double>(), new Random(1));

        Assert.Equal((decision.DecisionId, decision.Symbol, decision.Timeframe, decision.BarTime), (outcome.DecisionId, outcome.Symbol, outcome.Timeframe, outcome.BarTime));
        Assert.Equal(outcome.Success, outcome.RealizedReturn > 0);
    }
}
