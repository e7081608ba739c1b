using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Bar times of the embedded demo's sample feed: never one already decided.</summary>
internal static class SampleBarTimes
{
    /// <summary>
    /// The first bar time from <paramref name="barTime"/> on at which none of the symbols has a decided bar. An
    /// earlier run (remembered from the audit log at start) replayed the same stretch of history; bars it decided
    /// would only be acknowledged as duplicates.
    /// </summary>
    public static DateTime FirstUndecided(DateTime barTime, TimeSpan length, IReadOnlyList<string> symbols, string timeframe, RecentDecisions decided)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(decided);
        while (symbols.Any(symbol => decided.TryGet(new BarKey(symbol, timeframe, barTime), out _)))
        {
            barTime += length;
        }

        return barTime;
    }
}
