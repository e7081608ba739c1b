using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The last N bars' values, oldest evicted first; the first value added for a bar is kept. Thread-safe.</summary>
internal sealed class BoundedBarMap<TValue>(int capacity)
    where TValue : notnull
{
    private readonly ConcurrentDictionary<BarKey, TValue> _byKey = new();
    private readonly ConcurrentQueue<BarKey> _order = new();

    public int Count => _byKey.Count;

    public bool TryGet(BarKey key, out TValue value) => _byKey.TryGetValue(key, out value!);

    public void Add(BarKey key, TValue value)
    {
        if (!_byKey.TryAdd(key, value))
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
