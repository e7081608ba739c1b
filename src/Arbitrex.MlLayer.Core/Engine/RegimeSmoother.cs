using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Temporal smoothing per (symbol, timeframe): the reported regime changes only after a new raw
/// label has been seen on <c>bars</c> consecutive bars, so one noisy bar does not flip it.
/// </summary>
public sealed class RegimeSmoother
{
    private readonly ConcurrentDictionary<(string Symbol, string Timeframe), State> _states = new();

    public int TrackedKeys => _states.Count;

    /// <summary>Feeds one raw label and returns the label to report.</summary>
    public MarketRegime Smooth(string symbol, string timeframe, MarketRegime raw, int bars)
    {
        var state = _states.GetOrAdd((symbol, timeframe), static (_, r) => new State(r), raw);
        lock (state)
        {
            if (raw == state.Current)
            {
                state.CandidateCount = 0;
                return state.Current;
            }

            if (raw == state.Candidate && state.CandidateCount > 0)
            {
                state.CandidateCount++;
            }
            else
            {
                state.Candidate = raw;
                state.CandidateCount = 1;
            }

            if (state.CandidateCount >= bars)
            {
                state.Current = raw;
                state.CandidateCount = 0;
            }

            return state.Current;
        }
    }

    /// <summary>Forgets the state of every key (the next bar of each starts afresh).</summary>
    public void Reset() => _states.Clear();

    private sealed class State(MarketRegime initial)
    {
        public MarketRegime Current { get; set; } = initial;

        public MarketRegime Candidate { get; set; } = initial;

        public int CandidateCount { get; set; }
    }
}
