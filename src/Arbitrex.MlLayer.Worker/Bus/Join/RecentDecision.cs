using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A decided bar as <see cref="RecentDecisions"/> remembers it: always its id, whether this process saw its publish
/// confirmed, and, until it did, the audited decision, so that the next attempt republishes exactly what the audit
/// log holds.
/// </summary>
/// <remarks>
/// Nothing reads the decision once its publish is confirmed, so it is let go then. Until then it is kept as the
/// object only while a publish of it runs (its caller holds the object anyway); otherwise (the publish failed, or the
/// decision was read back from the audit log) it is kept packed (<see cref="PackedDecision"/>): one reference-free
/// array of about 0.5 KB instead of a graph of about 0.9 KB that every gen2 collection traces. Unpacked, it
/// serialises to the same contract JSON bytes: strings go through UTF-8 unchanged, except a lone surrogate (it would
/// come back as U+FFFD), which a decision's text cannot carry: its inputs arrive as JSON, whose reader refuses one.
/// </remarks>
public sealed class RecentDecision
{
    private readonly Lock _gate = new();
    private MlDecision? _decision;
    private byte[]? _packed;
    private Task? _publishing;
    private int _published;

    /// <summary>A bar remembered by its id only: its publish counts as confirmed, and there is nothing to republish.</summary>
    internal RecentDecision(string decisionId)
    {
        DecisionId = decisionId;
        _published = 1;
    }

    /// <summary>A bar with its audited decision, not yet published: the caller publishes it next, or <see cref="Pack"/>s it.</summary>
    internal RecentDecision(MlDecision decision)
    {
        DecisionId = decision.DecisionId;
        _decision = decision;
    }

    public string DecisionId { get; }

    /// <summary>The broker confirmed the publish in this process. False for a decision read back from the audit log.</summary>
    public bool Published => Volatile.Read(ref _published) == 1;

    /// <summary>Whether the audited decision is kept (as the object or packed): false once confirmed, dropped or remembered by id.</summary>
    internal bool HoldsDecision
    {
        get
        {
            lock (_gate)
            {
                return _decision is not null || _packed is not null;
            }
        }
    }

    /// <summary>Whether the audited decision is kept packed, not as the object.</summary>
    internal bool HoldsPackedDecision
    {
        get
        {
            lock (_gate)
            {
                return _packed is not null;
            }
        }
    }

    /// <summary>Whether a publish task is still kept (running, or finished and not yet let go).</summary>
    internal bool HoldsPublish
    {
        get
        {
            lock (_gate)
            {
                return _publishing is not null;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="publish"/> unless a publish of this decision is confirmed or under way (then that one is
    /// awaited), so a duplicate half arriving mid-publish does not publish the decision a second time. Nothing runs
    /// once the decision is let go.
    /// </summary>
    internal Task PublishOnceAsync(Func<MlDecision, Task> publish)
    {
        lock (_gate)
        {
            if (Published)
            {
                return Task.CompletedTask;
            }

            if (_publishing is null || _publishing.IsFaulted || _publishing.IsCanceled)
            {
                var decision = _decision ?? (_packed is { } packed ? PackedDecision.Unpack(packed) : null);
                if (decision is null)
                {
                    return Task.CompletedTask;
                }

                _publishing = publish(decision);
            }

            return _publishing;
        }
    }

    /// <summary>
    /// Settles after a publish finished, confirmed or not. Confirmed: lets go of the task and the decision, which
    /// nothing needs again (and every remembered bar, 100,000 by default, would otherwise keep both). Failed: lets go
    /// of the task and keeps the decision packed for the next attempt. A publish still running (another caller's
    /// retry) is left to its own caller.
    /// </summary>
    internal void SettleFinishedPublish()
    {
        lock (_gate)
        {
            if (_publishing is { IsCompleted: false })
            {
                return;
            }

            _publishing = null;
            if (Published)
            {
                _decision = null;
                _packed = null;
            }
            else
            {
                PackLocked();
            }
        }
    }

    /// <summary>Keeps the decision packed instead of as the object, for a decision no publish of which is running.</summary>
    internal void Pack()
    {
        lock (_gate)
        {
            PackLocked();
        }
    }

    /// <summary>Marks the publish confirmed; true only for the first caller.</summary>
    internal bool MarkPublished() => Interlocked.Exchange(ref _published, 1) == 0;

    /// <summary>Lets go of the decision, whatever its form: the bar is older than the newest ones kept.</summary>
    internal void DropDecision()
    {
        lock (_gate)
        {
            _decision = null;
            _packed = null;
        }
    }

    private void PackLocked()
    {
        if (_decision is not { } decision)
        {
            return;
        }

        var packed = new byte[PackedDecision.SizeOf(decision)];
        PackedDecision.Pack(decision, packed);
        _packed = packed;
        _decision = null;
    }
}
