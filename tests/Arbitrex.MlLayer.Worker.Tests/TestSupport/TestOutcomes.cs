using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Trade outcomes of the test bars of <see cref="Bars"/>.</summary>
internal static class TestOutcomes
{
    public static TradeOutcome Of(string symbol, int bar, bool success = true, string timeframe = "4H") => new()
    {
        DecisionId = Bars.Id(symbol, bar, timeframe),
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = Bars.Start.AddHours(4 * bar),
        Success = success,
        RealizedReturn = success ? 0.012 : -0.008,
        ClosedAt = Bars.Start.AddHours((4 * bar) + 12),
    };
}
