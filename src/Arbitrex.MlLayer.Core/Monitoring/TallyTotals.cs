namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>A point-in-time sum of one or more <see cref="DecisionTally"/>s, with the derived rates.</summary>
internal sealed class TallyTotals
{
    public long Count { get; private set; }

    public long Allowed { get; private set; }

    public long Suppressed => Count - Allowed;

    public long JoinTimeouts { get; private set; }

    public long Rejected { get; private set; }

    public long AuditWriteFailures { get; private set; }

    public long[] Regimes { get; } = new long[RegimeSlot.Count];

    public double ConfidenceSum { get; private set; }

    public double ProbabilitySum { get; private set; }

    public double LatencySumMs { get; private set; }

    public double LatencyMaxMs { get; private set; }

    public double AllowRate => Ratio(Allowed);

    public double SuppressionRate => Ratio(Suppressed);

    public double AvgConfidence => Count == 0 ? 0 : ConfidenceSum / Count;

    public double AvgProbability => Count == 0 ? 0 : ProbabilitySum / Count;

    public double AvgLatencyMs => Count == 0 ? 0 : LatencySumMs / Count;

    public double RegimeShare(int slot) => Ratio(Regimes[slot]);

    public void Add(DecisionTally tally)
    {
        Count += Volatile.Read(ref tally.Count);
        Allowed += Volatile.Read(ref tally.Allowed);
        JoinTimeouts += Volatile.Read(ref tally.JoinTimeouts);
        Rejected += Volatile.Read(ref tally.Rejected);
        AuditWriteFailures += Volatile.Read(ref tally.AuditWriteFailures);
        for (var i = 0; i < RegimeSlot.Count; i++)
        {
            Regimes[i] += Volatile.Read(ref tally.Regimes[i]);
        }

        ConfidenceSum += Volatile.Read(ref tally.ConfidenceSum);
        ProbabilitySum += Volatile.Read(ref tally.ProbabilitySum);
        LatencySumMs += Volatile.Read(ref tally.LatencySumMs);
        LatencyMaxMs = Math.Max(LatencyMaxMs, Volatile.Read(ref tally.LatencyMaxMs));
    }

    /// <summary>The counts since <paramref name="baseline"/> was taken; the max cannot be subtracted and is dropped.</summary>
    public TallyTotals Minus(TallyTotals baseline)
    {
        var result = new TallyTotals
        {
            Count = Count - baseline.Count,
            Allowed = Allowed - baseline.Allowed,
            JoinTimeouts = JoinTimeouts - baseline.JoinTimeouts,
            Rejected = Rejected - baseline.Rejected,
            AuditWriteFailures = AuditWriteFailures - baseline.AuditWriteFailures,
            ConfidenceSum = ConfidenceSum - baseline.ConfidenceSum,
            ProbabilitySum = ProbabilitySum - baseline.ProbabilitySum,
            LatencySumMs = LatencySumMs - baseline.LatencySumMs,
        };
        for (var i = 0; i < RegimeSlot.Count; i++)
        {
            result.Regimes[i] = Regimes[i] - baseline.Regimes[i];
        }

        return result;
    }

    private double Ratio(long part) => Count == 0 ? 0 : (double)part / Count;
}
