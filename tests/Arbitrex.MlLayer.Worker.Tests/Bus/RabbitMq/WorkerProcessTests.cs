using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The real worker process (real engine, audit log, monitor) killed, drained and scaled out on a real broker.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
[Trait("Worker", "Process")]
public sealed class WorkerProcessTests(RabbitMqNode node) : IAsyncLifetime
{
    private readonly string _audit = Path.Combine(Path.GetTempPath(), "arbitrex-bus-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Halves redelivered after a kill that a later test's worker would otherwise see.</summary>
    public async Task DisposeAsync()
    {
        await node.PurgeWorkerQueuesAsync();
        if (Directory.Exists(_audit))
        {
            Directory.Delete(_audit, recursive: true);
        }
    }

    private static string Symbol(string prefix, int bar) => prefix + bar.ToString("D4", CultureInfo.InvariantCulture);

    private static HashSet<string> Ids(string prefix, int from, int count) =>
        Enumerable.Range(from, count).Select(b => DecisionIds.For(Symbol(prefix, b), "4H", Bars.Start)).ToHashSet();

    private static IEnumerable<(string Exchange, string RoutingKey, byte[] Body)> Halves(string prefix, int from, int count) =>
        Enumerable.Range(from, count).SelectMany(bar =>
        {
            var symbol = Symbol(prefix, bar);
            (string, string, byte[]) features = (MessageExchanges.FeatureSnapshot, symbol + ".4H", Bars.Json(Bars.Features(symbol, 0)));
            (string, string, byte[]) qse = (MessageExchanges.QseOutput, symbol + ".4H", Bars.Json(Bars.Qse(symbol, 0)));
            return bar % 2 == 0 ? new[] { features, qse } : [qse, features];
        });

    private static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) =>
        Eventually.HoldsAsync(condition, timeout, TimeSpan.FromMilliseconds(50));

    /// <summary>Every bar published has a decision; copies of one decision_id never disagree.</summary>
    private static void AssertAllDecidedConsistently(HashSet<string> expected, IReadOnlyList<MlDecision> received, string output)
    {
        var ids = received.Select(d => d.DecisionId).ToHashSet();
        Assert.True(expected.SetEquals(ids), $"missing {expected.Except(ids).Count()}, unexpected {ids.Except(expected).Count()}\n{output}");
        Assert.All(received.GroupBy(d => d.DecisionId), copies =>
            Assert.Single(copies.Select(d => (d.AllowTrade, d.Regime.RegimeLabel, string.Join('|', d.DecisionReasons))).Distinct()));
        Assert.DoesNotContain(received, d => d.DecisionReasons.Any(r => r.StartsWith("Join timeout", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_worker_killed_mid_stream_and_restarted_decides_every_bar_published_before_the_kill()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var publisher = await InputPublisher.StartAsync(node);
        var first = await BusWorkerProcess.StartAsync(node, _audit);

        var publishing = publisher.ManyAsync(Halves("KIL", 0, 6000));
        await WaitUntilAsync(() => subscriber.For("KIL").Count >= 300, TimeSpan.FromSeconds(60));
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.True(subscriber.For("KIL").Count < 6000, "the kill came too late to be mid-stream");
        await publishing;

        // A short window: a half redelivered alone (its partner was acknowledged before the kill) would be
        // decided again fail-closed within the test unless the audit log tells the new worker it was decided.
        await using var second = await BusWorkerProcess.StartAsync(node, _audit, joinWindow: TimeSpan.FromSeconds(3));
        var expected = Ids("KIL", 0, 6000);
        await subscriber.WaitForAsync("KIL", expected, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(5));
        await first.DisposeAsync();

        AssertAllDecidedConsistently(expected, subscriber.For("KIL"), second.Output);
        Assert.Contains("Remembered ", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_drains_in_flight_bars_and_requeues_unpaired_halves_so_each_bar_is_decided_once()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var publisher = await InputPublisher.StartAsync(node);
        var first = await BusWorkerProcess.StartAsync(node, _audit);

        var publishing = publisher.ManyAsync(Halves("TRM", 0, 6000));
        await WaitUntilAsync(() => subscriber.For("TRM").Count >= 300, TimeSpan.FromSeconds(60));
        first.Terminate();
        var exitCode = await first.WaitForExitAsync(TimeSpan.FromSeconds(40));
        var firstOutput = first.Output;
        await first.DisposeAsync();
        Assert.Equal(0, exitCode);
        Assert.Contains("draining", firstOutput, StringComparison.Ordinal);
        Assert.True(subscriber.For("TRM").Count < 6000, "the stop came too late to be mid-stream");
        await publishing;

        await using var second = await BusWorkerProcess.StartAsync(node, _audit);
        var expected = Ids("TRM", 0, 6000);
        var received = await subscriber.WaitForAsync("TRM", expected, TimeSpan.FromSeconds(120));
        await Task.Delay(500);

        // A bar audited and published but not yet acknowledged at the stop is redelivered and its audited decision
        // republished unchanged (same id, same content): decided once, delivered at least once.
        AssertAllDecidedConsistently(expected, subscriber.For("TRM"), firstOutput + second.Output);
        Assert.Equal(expected.Count, subscriber.For("TRM").Select(d => d.DecisionId).Distinct().Count());
    }

    [Fact]
    public async Task Two_worker_processes_share_the_shards_and_decide_every_bar_once_in_effect_even_when_one_dies()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var publisher = await InputPublisher.StartAsync(node);
        await using var a = await BusWorkerProcess.StartAsync(node, Path.Combine(_audit, "a"), preferredShards: "0,1");
        await using var b = await BusWorkerProcess.StartAsync(node, Path.Combine(_audit, "b"), preferredShards: "2,3");

        var publishing = publisher.ManyAsync(Halves("TWO", 0, 3000));
        await WaitUntilAsync(() => a.AuditedDecisions >= 100 && b.AuditedDecisions >= 100, TimeSpan.FromSeconds(60));
        Assert.True(a.AuditedDecisions >= 100 && b.AuditedDecisions >= 100, $"a decided {a.AuditedDecisions}, b {b.AuditedDecisions}");
        a.Kill();
        await publishing;

        var expected = Ids("TWO", 0, 3000);
        var received = await subscriber.WaitForAsync("TWO", expected, TimeSpan.FromSeconds(120));

        AssertAllDecidedConsistently(expected, received, a.Output + b.Output);
    }
}
