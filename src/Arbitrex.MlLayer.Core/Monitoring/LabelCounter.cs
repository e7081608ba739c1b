using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Monotonic counts per label value (symbol, reason category). Lookups by span do not allocate; a
/// new value allocates its key once. Past <c>maxLabels</c> distinct values everything new counts as
/// <see cref="Overflow"/>, so a flood of odd symbols cannot blow up the Prometheus exposition.
/// </summary>
internal sealed class LabelCounter
{
    public const string Overflow = "other";

    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _maxLabels;
    private int _distinct;

    public LabelCounter(int maxLabels)
    {
        _maxLabels = maxLabels;
        _bySpan = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Increment(ReadOnlySpan<char> label)
    {
        if (!_bySpan.TryGetValue(label, out var count))
        {
            count = Register(label);
        }

        Interlocked.Increment(ref count.Value);
    }

    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (label, count) in _counts)
        {
            result[label] = Volatile.Read(ref count.Value);
        }

        return result;
    }

    /// <summary>Makes <paramref name="label"/> known (count 0) so its series exists before the first increment.</summary>
    public StrongBox<long> Register(ReadOnlySpan<char> label)
    {
        if (Volatile.Read(ref _distinct) >= _maxLabels)
        {
            return _counts.GetOrAdd(Overflow, static _ => new StrongBox<long>());
        }

        var added = false;
        var count = _counts.GetOrAdd(label.ToString(), _ =>
        {
            added = true;
            return new StrongBox<long>();
        });
        if (added)
        {
            Interlocked.Increment(ref _distinct);
        }

        return count;
    }
}
