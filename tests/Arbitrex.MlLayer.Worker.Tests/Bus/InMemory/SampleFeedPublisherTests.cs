using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.SampleData;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.InMemory;

[Trait("Category", "Integration")]
public sealed class SampleFeedPublisherTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly SampleReplay Replay = new(Minute, historyBars: 720);

    /// <summary>Runs the in-memory demo until it decided a few bars, remembering <paramref name="earlier"/> first as the audit-log seeder does.</summary>
    private static async Task<(List<MlDecision> Decided, List<MlDecision> Audited)> RunDemoAsync(IEnumerable<MlDecision> earlier)
    {
        var (built, monitor, audit) = BusTestHost.Build(new()
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Interval"] = "00:00:00.050",
            ["Bus:SampleFeed:Timeframe"] = "1M",
            ["Bus:SampleFeed:HistoryBars"] = "720",
            ["Bus:SampleFeed:Symbols:0"] = "EURUSD",
            ["Bus:SampleFeed:Symbols:1"] = "GBPUSD",
        });
        using var host = built;
        var recent = host.Services.GetRequiredService<RecentDecisions>();
        foreach (var decision in earlier)
        {
            recent.Remember(decision);
        }

        await host.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (monitor.Decisions.Count < 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await host.StopAsync();
        return ([.. monitor.Decisions], [.. audit.Records]);
    }

    [Fact]
    public async Task A_second_run_replays_new_bars_of_the_history_right_after_the_first_runs()
    {
        var started = Replay.FirstBar(DateTimeOffset.UtcNow);

        var (first, audited) = await RunDemoAsync([]);
        var (second, _) = await RunDemoAsync(audited);

        Assert.True(first.Count >= 6, $"first run decided only {first.Count} bars");
        Assert.True(second.Count >= 6, $"second run decided only {second.Count} bars");
        Assert.All(first.Concat(second), d => Assert.Equal(0, d.BarTime.Ticks % Minute.Ticks));
        Assert.All(first.Concat(second), d => Assert.True(d.BarTime + Minute <= DateTime.UtcNow, $"bar {d.BarTime:O} had not closed"));
        Assert.InRange(first.Min(d => d.BarTime), started, Replay.FirstBar(DateTimeOffset.UtcNow));
        Assert.Equal(first.Max(d => d.BarTime) + Minute, second.Min(d => d.BarTime));
        Assert.Empty(first.Select(d => (d.Symbol, d.BarTime)).Intersect(second.Select(d => (d.Symbol, d.BarTime))));
    }
}
