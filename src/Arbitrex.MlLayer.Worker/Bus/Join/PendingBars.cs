using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Buffers the halves of bars not decided yet and pairs them by bar key. A bar stays while a delivery holds one of its
/// halves; when the last holder lets go (settled, requeued), the bar is forgotten and its halves come back with their
/// redeliveries.
/// </summary>
internal sealed class PendingBars(TimeProvider time)
{
    private readonly ConcurrentDictionary<BarKey, PendingBar> _bars = new();

    public int Count => _bars.Count;

    public bool TryGet(BarKey key, out PendingBar bar) => _bars.TryGetValue(key, out bar!);

    /// <summary>
    /// Holds <paramref name="half"/> in its bar, calling <paramref name="whileLocked"/> with the bar locked;
    /// <c>Decide</c> when the half completed the bar and this delivery is to decide it.
    /// </summary>
    public (PendingBar Bar, bool Decide) Hold(InboundHalf half, Action<PendingBar> whileLocked)
    {
        while (true)
        {
            var bar = _bars.GetOrAdd(half.Key, static (key, now) => new PendingBar(key, now), time.GetUtcNow());
            lock (bar)
            {
                if (bar.Removed)
                {
                    continue;
                }

                bar.Add(half);
                whileLocked(bar);
                bar.Holders++;
                return (bar, bar.IsComplete && bar.TryClaim());
            }
        }
    }

    /// <summary>One delivery lets go of the bar; the last one forgets it.</summary>
    public void Release(PendingBar bar)
    {
        lock (bar)
        {
            bar.Holders--;
            if (bar.Holders > 0 || bar.Removed)
            {
                return;
            }

            bar.Removed = true;
        }

        _bars.TryRemove(new KeyValuePair<BarKey, PendingBar>(bar.Key, bar));
    }

    /// <summary>The bar is settled: forgotten now, whoever still holds it.</summary>
    public void Remove(PendingBar bar)
    {
        lock (bar)
        {
            bar.Removed = true;
        }

        _bars.TryRemove(new KeyValuePair<BarKey, PendingBar>(bar.Key, bar));
    }
}
