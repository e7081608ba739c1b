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

    public void Add(BarKey key, TValue value) => TryAdd(key, value, out _);

    /// <summary>Adds unless the bar has a value; <paramref name="kept"/> is the bar's value either way.</summary>
    public bool TryAdd(BarKey key, TValue value, out TValue kept)
    {
        if (!_byKey.TryAdd(key, value))
        {
            kept = _byKey.TryGetValue(key, out var existing) ? existing : value;
            return false;
        }

        kept = value;
        _order.Enqueue(key);
        while (_byKey.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _byKey.TryRemove(oldest, out _);
        }

        return true;
    }
}
