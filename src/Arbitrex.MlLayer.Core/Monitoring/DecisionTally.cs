namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Counters for a span of predictions (one minute, or the process lifetime), updated lock-free from
/// many threads. <see cref="Minute"/> tags which minute a bucket currently holds.
/// </summary>
internal sealed class DecisionTally
{
    public long Minute = long.MinValue;
    public long Count;
    public long Allowed;
    public long JoinTimeouts;
    public long Rejected;
    public long AuditWriteFailures;
    public readonly long[] Regimes = new long[RegimeSlot.Count];
    public double ConfidenceSum;
    public double ProbabilitySum;
    public double LatencySumMs;
    public double LatencyMaxMs;

    public void Add(int regimeSlot, bool allowed, double confidence, double probability, double latencyMs)
    {
        Interlocked.Increment(ref Count);
        if (allowed)
        {
            Interlocked.Increment(ref Allowed);
        }

        Interlocked.Increment(ref Regimes[regimeSlot]);
        AtomicDouble.Add(ref ConfidenceSum, confidence);
        AtomicDouble.Add(ref ProbabilitySum, probability);
        AtomicDouble.Add(ref LatencySumMs, latencyMs);
        AtomicDouble.Max(ref LatencyMaxMs, latencyMs);
    }

    public void Clear()
    {
        Count = 0;
        Allowed = 0;
        JoinTimeouts = 0;
        Rejected = 0;
        AuditWriteFailures = 0;
        Array.Clear(Regimes);
        ConfidenceSum = 0;
        ProbabilitySum = 0;
        LatencySumMs = 0;
        LatencyMaxMs = 0;
    }
}
