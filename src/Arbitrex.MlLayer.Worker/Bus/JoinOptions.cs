namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:Join</c> section.</summary>
public sealed record JoinOptions
{
    /// <summary>How long a half waits for its partner before the bar is decided fail-closed.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Decided bars remembered so that late duplicates publish nothing new.</summary>
    public int RecentDecisionCapacity { get; init; } = 100_000;
}
