namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// One <see cref="DecisionTally"/> per wall-clock minute for the current minute and the
/// <see cref="MonitoringOptions.MaxWindowMinutes"/> whole minutes before it, so windowed rates are
/// exact sums of whole minutes. A bucket is recycled (under a lock, once a minute) when its slot comes round again.
/// </summary>
internal sealed class MinuteBuckets
{
    private readonly DecisionTally[] _buckets;
    private readonly Lock _rollover = new();

    public MinuteBuckets(int minutes)
    {
        _buckets = new DecisionTally[minutes + 1];
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new DecisionTally();
        }
    }

    public static long MinuteOf(DateTimeOffset time) => time.UtcTicks / TimeSpan.TicksPerMinute;

    public DecisionTally For(long minute)
    {
        var bucket = _buckets[(int)(minute % _buckets.Length)];
        if (Volatile.Read(ref bucket.Minute) < minute)
        {
            Recycle(bucket, minute);
        }

        return bucket;
    }

    /// <summary>Sums the buckets of the <paramref name="minutes"/> minutes ending with <paramref name="currentMinute"/> (inclusive).</summary>
    public TallyTotals Sum(long currentMinute, int minutes)
    {
        var totals = new TallyTotals();
        var first = currentMinute - Math.Min(minutes, _buckets.Length) + 1;
        for (var minute = first; minute <= currentMinute; minute++)
        {
            var bucket = _buckets[(int)(minute % _buckets.Length)];
            if (Volatile.Read(ref bucket.Minute) == minute)
            {
                totals.Add(bucket);
            }
        }

        return totals;
    }

    public void Clear()
    {
        lock (_rollover)
        {
            foreach (var bucket in _buckets)
            {
                Volatile.Write(ref bucket.Minute, long.MinValue);
                bucket.Clear();
            }
        }
    }

    private void Recycle(DecisionTally bucket, long minute)
    {
        lock (_rollover)
        {
            if (bucket.Minute < minute)
            {
                bucket.Clear();
                Volatile.Write(ref bucket.Minute, minute);
            }
        }
    }
}
