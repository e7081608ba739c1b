namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>The processing times of the last N predictions in a fixed ring; percentiles are computed on read.</summary>
internal sealed class LatencyWindow(int size)
{
    private readonly double[] _samples = new double[size];
    private long _written;
    private long _resetMark;

    public void Add(double latencyMs)
    {
        var index = Interlocked.Increment(ref _written) - 1;
        _samples[index % _samples.Length] = latencyMs;
    }

    public void Reset() => Volatile.Write(ref _resetMark, Volatile.Read(ref _written));

    /// <summary>
    /// Hands every sample written after <paramref name="since"/> (a value this method returned before; 0 at
    /// first) to <paramref name="sink"/>, oldest first, and returns the new mark. When more than the ring
    /// holds were written since, only the newest ring-full are handed over.
    /// </summary>
    public long ForEachSince(long since, Action<double> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var written = Volatile.Read(ref _written);
        for (var index = Math.Max(since, written - _samples.Length); index < written; index++)
        {
            sink(_samples[index % _samples.Length]);
        }

        return written;
    }

    public LatencySummary Summarise()
    {
        var written = Volatile.Read(ref _written);
        var available = (int)Math.Min(written - Volatile.Read(ref _resetMark), _samples.Length);
        if (available <= 0)
        {
            return LatencySummary.Empty;
        }

        var sorted = new double[available];
        for (var i = 0; i < available; i++)
        {
            sorted[i] = _samples[(written - available + i) % _samples.Length];
        }

        Array.Sort(sorted);
        var sum = 0.0;
        foreach (var sample in sorted)
        {
            sum += sample;
        }

        return new LatencySummary
        {
            WindowSamples = available,
            AvgMs = sum / available,
            P50Ms = NearestRank(sorted, 0.50),
            P95Ms = NearestRank(sorted, 0.95),
            P99Ms = NearestRank(sorted, 0.99),
            MaxMs = sorted[^1],
        };
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="quantile"/> of the samples at or below it.</summary>
    private static double NearestRank(double[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
