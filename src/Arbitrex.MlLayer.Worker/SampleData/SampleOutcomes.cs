using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.SampleData;

/// <summary>
/// What became of a trade on a sample-market bar, from the market's own later bars: the trade follows the bar's momentum,
/// and it worked when the price moved that way over the next <see cref="HoldingBars"/> bars (the momentum of the bar that
/// many bars later is computed over exactly those returns). Same bar, same outcome, on every run.
/// </summary>
internal static class SampleOutcomes
{
    /// <summary>Bars a trade is held: the sample market's feature window, so the later momentum covers only the holding period.</summary>
    public const int HoldingBars = 20;

    private static readonly int Momentum = CanonicalFeatures.All.ToList().IndexOf(CanonicalFeatures.MomentumScore);

    public static TradeOutcome For(SampleMarket market, string symbol, string timeframe, TimeSpan barLength, DateTime barTime, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(market);
        var direction = Math.Sign(market.Row(symbol, barLength, barTime).Features[Momentum]);
        var later = market.Row(symbol, barLength, barTime + (HoldingBars * barLength)).Features[Momentum];
        return new TradeOutcome
        {
            DecisionId = decisionId,
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTime,
            Success = direction != 0 && Math.Sign(later) == direction,
            ClosedAt = barTime + ((HoldingBars + 1) * barLength),
        };
    }
}
