using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A decided bar as <see cref="RecentDecisions"/> remembers it: always its id; for the newest bars the audited
/// decision itself, and whether this process saw its publish confirmed.
/// </summary>
public sealed class RecentDecision(string decisionId, MlDecision? decision, bool published)
{
    private volatile MlDecision? _decision = decision;
    private int _published = published ? 1 : 0;

    public string DecisionId { get; } = decisionId;

    /// <summary>The audited decision; null once the bar is older than the newest retained ones (or was remembered by id).</summary>
    public MlDecision? Decision => _decision;

    /// <summary>The broker confirmed the publish in this process. False for a decision read back from the audit log.</summary>
    public bool Published => Volatile.Read(ref _published) == 1;

    private readonly Lock _gate = new();
    private Task? _publishing;

    /// <summary>
    /// Runs <paramref name="publish"/> unless a publish of this decision is confirmed or under way (then that one is
    /// awaited), so a duplicate half arriving mid-publish does not publish the decision a second time.
    /// </summary>
    internal Task PublishOnceAsync(Func<MlDecision, Task> publish)
    {
        lock (_gate)
        {
            if (Published || _decision is not { } decision)
            {
                return Task.CompletedTask;
            }

            if (_publishing is null || _publishing.IsFaulted || _publishing.IsCanceled)
            {
                _publishing = publish(decision);
            }

            return _publishing;
        }
    }

    /// <summary>
    /// Lets go of a publish that finished confirmed: nothing awaits it any more, and every remembered bar (100,000 by
    /// default) would otherwise keep its finished task.
    /// </summary>
    internal void ForgetFinishedPublish()
    {
        lock (_gate)
        {
            if (Published && _publishing is { IsCompleted: true })
            {
                _publishing = null;
            }
        }
    }

    /// <summary>Whether a publish task is still kept (running, or finished and not yet let go).</summary>
    internal bool HoldsPublish => Volatile.Read(ref _publishing) is not null;

    /// <summary>Marks the publish confirmed; true only for the first caller.</summary>
    internal bool MarkPublished() => Interlocked.Exchange(ref _published, 1) == 0;

    internal void DropDecision() => _decision = null;
}
