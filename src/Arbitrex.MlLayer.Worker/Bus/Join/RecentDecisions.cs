namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// The last N decided bars, oldest evicted first, so late duplicates publish nothing new. Thread-safe.
/// Keeps only each bar's decision_id, not the decision (about 1 KB each): at the default capacity of
/// 100,000 the decisions alone would take about 100 MB of the worker's 200 MB budget.
/// </summary>
public sealed class RecentDecisions(int capacity)
{
    private readonly BoundedBarMap<string> _ids = new(capacity);

    public int Count => _ids.Count;

    public bool TryGet(BarKey key, out string decisionId) => _ids.TryGet(key, out decisionId);

    public void Add(BarKey key, string decisionId)
    {
        ArgumentNullException.ThrowIfNull(decisionId);
        _ids.Add(key, decisionId);
    }
}
