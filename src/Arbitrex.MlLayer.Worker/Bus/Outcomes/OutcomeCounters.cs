using System.Collections.Concurrent;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Outcomes recorded, refused (per reason category) and dropped as duplicates since start. Refusals and duplicates are
/// also in Prometheus (<c>ml_layer_outcomes_refused_total{reason}</c>, <c>ml_layer_outcomes_duplicate_total</c>) when the
/// host has a registry; the count of recorded outcomes belongs to live quality (<c>ml_layer_outcomes_total</c>).
/// </summary>
public sealed class OutcomeCounters
{
    private readonly ConcurrentDictionary<string, long> _refused = new(StringComparer.Ordinal);
    private readonly Counter? _refusedMetric;
    private readonly Counter? _duplicateMetric;
    private long _recorded;
    private long _duplicates;

    public OutcomeCounters(CollectorRegistry? registry = null)
    {
        if (registry is null)
        {
            return;
        }

        var metrics = Metrics.WithCustomRegistry(registry);
        _refusedMetric = metrics.CreateCounter("ml_layer_outcomes_refused_total", "Trade outcomes moved to the error queue since start, per reason.", "reason");
        _duplicateMetric = metrics.CreateCounter("ml_layer_outcomes_duplicate_total", "Trade outcomes acknowledged without effect since start: the decision's outcome was recorded already.");
    }

    public long Recorded => Interlocked.Read(ref _recorded);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Refusals per reason category (<see cref="OutcomeRefusedException.Category"/>).</summary>
    public IReadOnlyDictionary<string, long> Refused => new SortedDictionary<string, long>(_refused, StringComparer.Ordinal);

    public void CountRecorded() => Interlocked.Increment(ref _recorded);

    public void CountDuplicate()
    {
        Interlocked.Increment(ref _duplicates);
        _duplicateMetric?.Inc();
    }

    public void CountRefused(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        _refused.AddOrUpdate(category, 1, static (_, n) => n + 1);
        _refusedMetric?.WithLabels(category).Inc();
    }
}
