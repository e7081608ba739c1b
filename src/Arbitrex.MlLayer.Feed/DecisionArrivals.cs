using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// When each of this run's bars got its first decision. Decisions for other bars on the exchange (another
/// publisher's, or a worker still deciding an earlier run) are ignored, so they neither end the wait for the
/// last decision early nor count as duplicates. Thread-safe.
/// </summary>
internal sealed class DecisionArrivals
{
    private readonly ConcurrentDictionary<string, byte> _expected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private int _duplicates;

    /// <summary>This run's bars whose decision arrived.</summary>
    public int Count => _arrivals.Count;

    /// <summary>Further decisions for this run's bars after the first.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Marks a bar as this run's; called before its first half is published, so its decision cannot come earlier.</summary>
    public void Expect(string barKey) => _expected.TryAdd(barKey, 0);

    /// <summary>Notes a decision's arrival; true for the first decision of one of this run's bars.</summary>
    public bool Record(string barKey, long timestamp)
    {
        if (!_expected.ContainsKey(barKey))
        {
            return false;
        }

        if (!_arrivals.TryAdd(barKey, timestamp))
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }

        return true;
    }

    public bool TryGetArrival(string barKey, out long timestamp) => _arrivals.TryGetValue(barKey, out timestamp);
}
