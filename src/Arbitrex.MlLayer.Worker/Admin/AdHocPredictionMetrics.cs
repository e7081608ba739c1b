using Prometheus;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>ml_layer_adhoc_predictions_total{endpoint, outcome}</c>: the <see cref="AdHocPredictionCounter"/> copied into
/// the host's registry before every scrape. A family of its own, so no live metric or alert rule reads it.
/// </summary>
internal static class AdHocPredictionMetrics
{
    public const string Name = "ml_layer_adhoc_predictions_total";

    /// <summary>Registers the family on <paramref name="registry"/> with every series at zero and returns <paramref name="counter"/>.</summary>
    public static AdHocPredictionCounter Export(AdHocPredictionCounter counter, CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentNullException.ThrowIfNull(registry);
        var family = Metrics.WithCustomRegistry(registry).CreateCounter(
            Name, "Ad-hoc (what-if) predictions over HTTP, per endpoint and outcome (allowed, suppressed, refused, rate_limited), since start.", "endpoint", "outcome");
        var gate = new Lock();
        void Refresh()
        {
            lock (gate)
            {
                foreach (var (endpoint, outcome, count) in counter.Read())
                {
                    family.WithLabels(endpoint, outcome).IncTo(count);
                }
            }
        }

        Refresh();
        registry.AddBeforeCollectCallback(Refresh);
        return counter;
    }
}
