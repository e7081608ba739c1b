using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditReplayTests
{
    /// <summary>Logs 100 bars decided with threshold 0.5 (momentum = i/100, bar 100 has 0) and 2 fail-closed bars.</summary>
    internal static async Task LogDecisionsAsync(string directory)
    {
        var live = new ThresholdEngine(0.5);
        await using var writer = AuditTestData.Writer(directory);
        for (var i = 1; i <= 100; i++)
        {
            var barTime = Day1.AddHours(4 * i);
            var features = Features(i);
            var qse = Qse("EURUSD", barTime, valid: i % 10 != 0);
            await writer.AppendAsync(live.Predict("EURUSD", "4H", barTime, features, qse), features, qse);
        }

        await writer.AppendAsync(live.FailClosed("EURUSD", "4H", Day1, "QSE output missing after 30 s"), Features(0), null);
        await writer.AppendAsync(live.FailClosed("GBPUSD", "4H", Day1, "Feature snapshot missing after 30 s"), null, null);
    }

    [Fact]
    public async Task The_same_engine_reproduces_every_logged_decision()
    {
        using var dir = new TempDirectory();
        await LogDecisionsAsync(dir.Path);
        var engine = new ThresholdEngine(0.5);

        var report = new AuditReplay(engine).Run(dir.Path);

        Assert.Equal(102, report.Records);
        Assert.Equal(100, report.Replayed);
        Assert.Equal(2, report.NotReplayable);
        Assert.Equal(0, report.Changed);
        Assert.Empty(report.Changes);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => Day1.AddHours(4 * i)), engine.Calls.Select(c => c.BarTime));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => i % 10 != 0), engine.Calls.Select(c => c.QseValid));
    }

    [Fact]
    public async Task A_stricter_threshold_reports_exactly_the_decisions_it_would_suppress_and_the_reasons_it_rewords()
    {
        using var dir = new TempDirectory();
        await LogDecisionsAsync(dir.Path);

        var report = new AuditReplay(new ThresholdEngine(0.7)).Run(dir.Path);

        var expected = Enumerable.Range(51, 20).Where(i => i % 10 != 0).ToList();
        Assert.Equal(90, report.Changed);
        Assert.Equal(expected.Count, report.AllowChanged);
        Assert.Equal(90, report.ReasonsChanged);
        Assert.Equal(0, report.RegimeChanged);
        Assert.Equal(expected.Select(i => (long)i), report.Changes.Where(c => c.AllowChanged).Select(c => c.Sequence));
        Assert.Equal(["Signal probability 0.01 <= 0.5"], report.Changes[0].ReasonsBefore);
        Assert.Equal(["Signal probability 0.01 <= 0.7"], report.Changes[0].ReasonsAfter);
        var first = report.Changes.First(c => c.AllowChanged);
        Assert.True(first.AllowedBefore);
        Assert.False(first.AllowedAfter);
        Assert.Equal(["Signal probability 0.51 > 0.5"], first.ReasonsBefore);
        Assert.Equal(["Signal probability 0.51 <= 0.7"], first.ReasonsAfter);
        Assert.Equal(Day1.AddHours(4 * 51), first.BarTime);
    }

    [Fact]
    public async Task The_list_of_changes_is_capped_but_the_counts_are_complete()
    {
        using var dir = new TempDirectory();
        await LogDecisionsAsync(dir.Path);

        var report = new AuditReplay(new ThresholdEngine(0.99)).Run(dir.Path, maxListed: 3);

        Assert.Equal(90, report.Changed);
        Assert.Equal(45, report.AllowChanged);
        Assert.Equal(3, report.Changes.Count);
    }

    [Fact]
    public async Task Inputs_the_replayed_engine_refuses_are_counted_and_named()
    {
        using var dir = new TempDirectory();
        await LogDecisionsAsync(dir.Path);

        var report = new AuditReplay(new ThresholdEngine(0.5, requiredFeature: "order_flow")).Run(dir.Path, maxListed: 5);

        Assert.Equal(100, report.Refused);
        Assert.Equal(0, report.Replayed);
        Assert.Equal(5, report.Refusals.Count);
        Assert.Equal("features.order_flow", report.Refusals[0].Field);
        Assert.Equal(1, report.Refusals[0].Sequence);
    }

    [Fact]
    public async Task A_delegate_sees_each_record_with_its_inputs()
    {
        using var dir = new TempDirectory();
        await LogDecisionsAsync(dir.Path);
        var seen = new List<AuditRecord>();

        var report = new AuditReplay(record =>
        {
            seen.Add(record);
            return record.ToDecision() with { Regime = record.ToDecision().Regime with { RegimeLabel = "STRESSED" } };
        }).Run(AuditLogReader.Read(dir.Path));

        Assert.Equal(100, seen.Count);
        Assert.All(seen, r => Assert.True(r.HasInputs));
        Assert.Equal(100, report.RegimeChanged);
        Assert.Equal(0, report.AllowChanged);
    }
}
