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

    /// <summary>The missing half was refused by the reader: the bar is decided fail-closed now, not after the window.</summary>
    public RefusedHalf? Refusal { get; private set; }

    /// <summary>Completes when <see cref="Refusal"/> is set, to wake the waiting half.</summary>
    public TaskCompletionSource Refused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<BarSettlement> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(InboundHalf half)
    {
        Features ??= half.Features;
        Qse ??= half.Qse;
    }

    /// <summary>Records that the half this bar still misses was refused; false when it is not missing any more.</summary>
    public bool Refuse(RefusedHalf refusal)
    {
        var missing = refusal.Kind == HalfKind.FeatureSnapshot ? Features is null : Qse is null;
        if (!missing || IsComplete || Refusal is not null)
        {
            return false;
        }

        Refusal = refusal;
        Refused.TrySetResult();
        return true;
    }
}
