using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The last N decided bars, oldest evicted first, so late duplicates publish nothing new.</summary>
internal sealed class RecentDecisions(int capacity)
{
    private readonly ConcurrentDictionary<BarKey, MlDecision> _byKey = new();
    private readonly ConcurrentQueue<BarKey> _order = new();

    public int Count => _byKey.Count;

    public bool TryGet(BarKey key, out MlDecision decision) => _byKey.TryGetValue(key, out decision!);

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
