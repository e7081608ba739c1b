using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.SampleData;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.InMemory;

[Trait("Category", "Integration")]
public sealed class SampleOutcomePublisherTests
{
    [Fact]
    public async Task The_embedded_demo_records_an_outcome_for_its_decided_bars_from_the_sample_market()
    {
        var (built, monitor, audit) = BusTestHost.Build(new()
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Interval"] = "00:00:00.050",
            ["Bus:SampleFeed:Symbols:0"] = "EURUSD",
            ["Bus:SampleFeed:Symbols:1"] = "GBPUSD",
            ["Bus:Outcomes:SampleOutcomeDelay"] = "00:00:00.200",
        });
        using var host = built;
        await host.StartAsync();
        var counters = host.Services.GetRequiredService<OutcomeCounters>();
        // Where the replay starts in the sample market follows the clock, so a run may begin in a stretch where every
        // trade works: wait for both labels as well as for 20 outcomes.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((counters.Recorded < 20 || !BothLabels(audit)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StopAsync();

        var outcomes = audit.Events.Where(e => e.RecordType == AuditRecordTypes.Outcome).Select(e => (AuditedOutcome)e.Payload!).ToList();
        var decisions = monitor.Decisions.ToDictionary(d => d.DecisionId);
        Assert.True(outcomes.Count >= 20, $"only {outcomes.Count} outcomes recorded");
        Assert.Equal(outcomes.Count, outcomes.Select(o => o.DecisionId).Distinct().Count());
        Assert.All(outcomes, outcome =>
        {
            var decision = decisions[outcome.DecisionId];
            Assert.Equal((decision.Symbol, decision.Timeframe, decision.BarTime), (outcome.Symbol, outcome.Timeframe, outcome.BarTime));
            Assert.Equal((decision.Signal.SuccessProbability, decision.AllowTrade), (outcome.SignalProb, outcome.Allowed));
            var expected = SampleOutcomes.For(SampleMarket.Embedded, outcome.Symbol, outcome.Timeframe, TimeSpan.FromMinutes(1), outcome.BarTime, outcome.DecisionId);
            Assert.Equal(expected.Success, outcome.Success);
        });
        Assert.Contains(outcomes, o => o.Success);
        Assert.Contains(outcomes, o => !o.Success);
        Assert.Empty(monitor.Rejections);
    }

    private static bool BothLabels(RecordingAuditLog audit)
    {
        var labels = audit.Events.Where(e => e.RecordType == AuditRecordTypes.Outcome).Select(e => ((AuditedOutcome)e.Payload!).Success).ToHashSet();
        return labels.Count == 2;
    }
}
