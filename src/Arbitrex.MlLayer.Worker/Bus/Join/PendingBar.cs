using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A bar with at least one half held. Mutable state is guarded by locking the instance; the deliveries that brought
/// the halves stay unacknowledged while they are <see cref="Holders"/>. Every change a waiting delivery may act on
/// (partner refused, window over, decider gave up, settled) completes <see cref="Changed"/>.
/// </summary>
internal sealed class PendingBar(BarKey key, DateTimeOffset firstSeen)
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BarKey Key { get; } = key;

    public DateTimeOffset FirstSeen { get; } = firstSeen;

    public FeatureSnapshot? Features { get; private set; }

    public QseOutput? Qse { get; private set; }

    /// <summary>Deliveries currently waiting on this bar.</summary>
    public int Holders { get; set; }

    /// <summary>A delivery is producing the decision right now.</summary>
    public bool Deciding { get; private set; }

    /// <summary>Settled or abandoned: no longer pending; a newcomer must start afresh.</summary>
    public bool Removed { get; set; }

    /// <summary>Its join window is on the deadline queue.</summary>
    public bool Scheduled { get; set; }

    /// <summary>The join window is over.</summary>
    public bool Expired { get; private set; }

    public bool IsComplete => Features is not null && Qse is not null;

    /// <summary>The missing half was refused by the reader: the bar is decided fail-closed now, not after the window.</summary>
    public RefusedHalf? Refusal { get; private set; }

    /// <summary>Completes at the next change of state; read it under the lock, then await it outside.</summary>
    public Task Changed => _changed.Task;

    public TaskCompletionSource<BarSettlement> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the half; a second copy of a half it holds must carry the same content.</summary>
    /// <exception cref="Inbound.PoisonMessageException">The copy's content differs from the half held.</exception>
    public void Add(InboundHalf half)
    {
        if (half.Features is { } features)
        {
            ConflictingHalves.Check(Key, HalfKind.FeatureSnapshot, Features, features);
            Features ??= features;
        }
        else
        {
            ConflictingHalves.Check(Key, HalfKind.QseOutput, Qse, half.Qse!);
            Qse ??= half.Qse;
        }
    }

    /// <summary>Takes the decider's role unless a delivery holds it.</summary>
    public bool TryClaim()
    {
        if (Deciding)
        {
            return false;
        }

        Deciding = true;
        return true;
    }

    /// <summary>The decider gave up (its delivery is requeued): a waiting delivery may take over.</summary>
    public void ReleaseClaim()
    {
        Deciding = false;
        Notify();
    }

    public void Expire()
    {
        Expired = true;
        Notify();
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
        Notify();
        return true;
    }

    public void Notify() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
