using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Temporal smoothing per (symbol, timeframe): the reported regime changes only after a new raw
/// label has been seen on <c>bars</c> consecutive bars, so one noisy bar does not flip it.
/// </summary>
/// <remarks>
/// Only a bar newer than the last one a key counted moves its state. The same bar seen again
/// reports what it reported the first time (when its raw label is unchanged), and an older bar,
/// like a <see cref="Peek"/>, is answered from the state without changing it: a re-decided or
/// late bar must not count as one more bar of a run.
/// </remarks>
public sealed class RegimeSmoother
{
    private readonly ConcurrentDictionary<(string Symbol, string Timeframe), State> _states = new();

    public int TrackedKeys => _states.Count;

    /// <summary>Feeds the raw label of the bar at <paramref name="barTime"/> and returns the label to report.</summary>
    public MarketRegime Smooth(string symbol, string timeframe, DateTime barTime, MarketRegime raw, int bars)
    {
        var state = _states.GetOrAdd((symbol, timeframe), static (_, r) => new State(r), raw);
        lock (state)
        {
            if (state.LastBarTime is { } last && barTime <= last)
            {
                return barTime == last && raw == state.LastRaw ? state.LastReported : state.Next(raw, bars).Current;
            }

            (state.Current, state.Candidate, state.CandidateCount) = state.Next(raw, bars);
            state.LastBarTime = barTime;
            state.LastRaw = raw;
            state.LastReported = state.Current;
            return state.Current;
        }
    }

    /// <summary>
    /// The label <see cref="Smooth"/> would report if <paramref name="raw"/> were the key's next bar,
    /// without counting it: for what-if predictions that must not move the live state.
    /// </summary>
    public MarketRegime Peek(string symbol, string timeframe, MarketRegime raw, int bars)
    {
        if (!_states.TryGetValue((symbol, timeframe), out var state))
        {
            return raw;
        }

        lock (state)
        {
            return state.Next(raw, bars).Current;
        }
    }

    /// <summary>Forgets the state of every key (the next bar of each starts afresh).</summary>
    public void Reset() => _states.Clear();

    private sealed class State(MarketRegime initial)
    {
        public MarketRegime Current { get; set; } = initial;

        public MarketRegime Candidate { get; set; } = initial;

        public int CandidateCount { get; set; }

        public DateTime? LastBarTime { get; set; }

        public MarketRegime LastRaw { get; set; }

        public MarketRegime LastReported { get; set; }

        /// <summary>The state after one more bar with <paramref name="raw"/>; the caller holds the lock.</summary>
        public (MarketRegime Current, MarketRegime Candidate, int CandidateCount) Next(MarketRegime raw, int bars)
        {
            if (raw == Current)
            {
                return (Current, Candidate, 0);
            }

            var count = raw == Candidate && CandidateCount > 0 ? CandidateCount + 1 : 1;
            return count >= bars ? (raw, raw, 0) : (Current, raw, count);
        }
    }
}
