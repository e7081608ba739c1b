using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The last N decided bars, oldest evicted first, so late duplicates publish nothing new. Thread-safe.</summary>
public sealed class RecentDecisions(int capacity)
{
    private readonly ConcurrentDictionary<BarKey, MlDecision> _byKey = new();
    private readonly ConcurrentQueue<BarKey> _order = new();

    public int Count => _byKey.Count;

    public bool TryGet(BarKey key, out MlDecision decision) => _byKey.TryGetValue(key, out decision!);

    /// <summary>Marks a bar as decided (e.g. from the audit log at start), so its redelivered halves publish nothing new.</summary>
    public void Remember(MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Add(new BarKey(decision.Symbol, decision.Timeframe, decision.BarTime.ToUniversalTime()), decision);
    }

    public void Add(BarKey key, MlDecision decision)
    {
        if (!_byKey.TryAdd(key, decision))
        {
            return;
        }

        _order.Enqueue(key);
        while (_byKey.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _byKey.TryRemove(oldest, out _);
        }
    }
}
