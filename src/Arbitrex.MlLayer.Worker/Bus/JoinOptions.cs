namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:Join</c> section.</summary>
public sealed record JoinOptions
{
    /// <summary>How long a half waits for its partner before the bar is decided fail-closed.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Decided bars remembered so that late duplicates publish nothing new.</summary>
    public int RecentDecisionCapacity { get; set; } = 100_000;

    /// <summary>
    /// The newest decided bars that may keep their audited decision (packed, about 0.5 KB each) until its publish is
    /// confirmed, so a redelivered bar whose publish was never confirmed republishes exactly what was audited. Loaded
    /// from the audit log at start. Must cover the deliveries in flight at a crash (shards × prefetch), and not exceed
    /// the recent-decision capacity.
    /// </summary>
    public int RetainedDecisionCapacity { get; set; } = Join.RecentDecisions.DefaultRetainedCapacity;
}
