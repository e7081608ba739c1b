using System.Text;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Outcomes;

[Trait("Category", "Unit")]
public sealed class OutcomeCountersTests
{
    private static async Task<string> ExpositionAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Refusals_per_reason_and_duplicates_are_counted_and_exposed_to_prometheus()
    {
        var registry = Metrics.NewCustomRegistry();
        var counters = new OutcomeCounters(registry);

        counters.CountRefused(OutcomeRefusedException.UnknownDecision);
        counters.CountRefused(OutcomeRefusedException.UnknownDecision);
        counters.CountRefused(OutcomeRefusedException.Malformed);
        counters.CountDuplicate();
        counters.CountRecorded();

        Assert.Equal(new Dictionary<string, long> { ["malformed"] = 1, ["unknown_decision"] = 2 }, counters.Refused);
        Assert.Equal((1L, 1L), (counters.Recorded, counters.Duplicates));
        var text = await ExpositionAsync(registry);
        Assert.Contains("ml_layer_outcomes_refused_total{reason=\"unknown_decision\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("ml_layer_outcomes_refused_total{reason=\"malformed\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("ml_layer_outcomes_duplicate_total 1", text, StringComparison.Ordinal);
    }
}
