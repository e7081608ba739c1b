using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// Synthetic trade outcomes with a known truth: a decision's trade succeeds with the hit rate given for its regime (0.5 for
/// a regime not named), whatever the model predicted, so a test knows what live quality must show.
/// </summary>
internal static class SyntheticOutcomes
{
    public const double DefaultHitRate = 0.5;

    public static double HitRate(IReadOnlyDictionary<string, double> hitRates, string regime) =>
        hitRates.TryGetValue(regime.ToUpperInvariant(), out var rate) ? rate : DefaultHitRate;

    public static TradeOutcome For(MlDecision decision, IReadOnlyDictionary<string, double> hitRates, Random random)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(hitRates);
        ArgumentNullException.ThrowIfNull(random);
        var success = random.NextDouble() < HitRate(hitRates, decision.Regime.RegimeLabel);
        return new TradeOutcome
        {
            DecisionId = decision.DecisionId,
            Symbol = decision.Symbol,
            Timeframe = decision.Timeframe,
            BarTime = decision.BarTime,
            Success = success,
            RealizedReturn = Math.Round((success ? 1 : -1) * (0.002 + (0.01 * random.NextDouble())), 6),
            ClosedAt = DateTime.UtcNow,
        };
    }
}
