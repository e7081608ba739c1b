using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// The last <c>capacity</c> decided bars, oldest evicted first, so a late duplicate is not decided again. A bar whose
/// publish this process has not seen confirmed also keeps its audited decision, so that a retry or a redelivery
/// republishes exactly what the audit log holds: packed (about 0.5 KB) unless a publish of it is running, and let go
/// as soon as its publish is confirmed, since nothing reads it again (see <see cref="RecentDecision"/>). Normally that
/// leaves only the decisions in flight; after a start, the ones read back from the audit log, whose publish may never
/// have been confirmed; during a broker outage, the ones whose publish failed. Only the newest
/// <c>retainedCapacity</c> audited bars may keep theirs: a redelivery after a crash comes back at start, among the
/// newest, and the bound caps what an outage or a long audit log can hold (8,192 packed decisions, about 4 MB).
/// Thread-safe.
/// </summary>
public sealed class RecentDecisions(int capacity, int retainedCapacity = RecentDecisions.DefaultRetainedCapacity)
{
    public const int DefaultRetainedCapacity = 8192;

    private readonly BoundedBarMap<RecentDecision> _bars = new(capacity);
    private readonly ConcurrentQueue<RecentDecision> _retained = new();

    public int Count => _bars.Count;

    public bool TryGet(BarKey key, out RecentDecision decided) => _bars.TryGet(key, out decided);

    /// <summary>Remembers a bar by its id only.</summary>
    public void Add(BarKey key, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(decisionId);
        _bars.Add(key, new RecentDecision(decisionId));
    }

    /// <summary>
    /// Remembers a bar with its audited decision, which the caller publishes next (<see cref="DecisionCommitter"/>);
    /// the first one remembered for a bar is kept, and returned.
    /// </summary>
    public RecentDecision AddAudited(BarKey key, MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var entry = new RecentDecision(decision);
        if (!_bars.TryAdd(key, entry, out var kept))
        {
            return kept;
        }

        _retained.Enqueue(entry);
        while (_retained.Count > retainedCapacity && _retained.TryDequeue(out var oldest))
        {
            oldest.DropDecision();
        }

        return entry;
    }

    /// <summary>
    /// Remembers a bar with a decision read back from the audit log: whether its publish was confirmed before the
    /// last stop is unknown, so it is kept, packed, for a redelivery to republish.
    /// </summary>
    public void AddReadBack(BarKey key, MlDecision decision) => AddAudited(key, decision).Pack();
}
