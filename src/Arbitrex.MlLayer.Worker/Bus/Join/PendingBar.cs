using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A bar with at least one half held. Mutable state is guarded by locking the instance; the
/// deliveries that brought the halves stay unacknowledged while they are <see cref="Holders"/>.
/// </summary>
internal sealed class PendingBar(BarKey key, DateTimeOffset firstSeen)
{
    public BarKey Key { get; } = key;

    public DateTimeOffset FirstSeen { get; } = firstSeen;

    public FeatureSnapshot? Features { get; set; }

    public QseOutput? Qse { get; set; }

    /// <summary>Deliveries currently waiting on this bar.</summary>
    public int Holders { get; set; }

    /// <summary>A delivery is producing the decision right now.</summary>
    public bool Deciding { get; set; }

    /// <summary>Set once the decision was confirmed by the broker, so a retry only repeats the audit.</summary>
    public MlDecision? PublishedDecision { get; set; }

    /// <summary>Settled or abandoned: no longer in the pending map; a newcomer must start afresh.</summary>
    public bool Removed { get; set; }

    public bool IsComplete => Features is not null && Qse is not null;

    public TaskCompletionSource<BarSettlement> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(InboundHalf half)
    {
        Features ??= half.Features;
        Qse ??= half.Qse;
    }
}
