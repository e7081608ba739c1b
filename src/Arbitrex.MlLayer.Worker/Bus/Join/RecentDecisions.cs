using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// The last <c>capacity</c> decided bars, oldest evicted first, so a late duplicate is not decided again. The newest
/// <c>retainedCapacity</c> keep the whole audited decision, so a redelivery of a bar whose publish was never confirmed
/// republishes exactly what the audit log holds. Older ones keep only the id: at 100,000 bars whole decisions (about
/// 1 KB each) would take half of the worker's 200 MB budget, and a redelivery after a crash comes back at start, among
/// the newest. Thread-safe.
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
        _bars.Add(key, new RecentDecision(decisionId, null, published: true));
    }

    /// <summary>Remembers a bar with its audited decision; the first one remembered for a bar is kept.</summary>
    public RecentDecision AddAudited(BarKey key, MlDecision decision, bool published)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var entry = new RecentDecision(decision.DecisionId, decision, published);
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
}
