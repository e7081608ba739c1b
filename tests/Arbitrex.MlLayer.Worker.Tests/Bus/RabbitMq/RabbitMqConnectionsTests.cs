using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Xunit.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>
/// The worker process on a 3-node RabbitMQ cluster with quorum shard queues, losing a node mid-stream. In the
/// broker tests' collection so that it does not run beside them on a small machine.
/// </summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
[Trait("Worker", "Process")]
public sealed class RabbitMqConnectionsTests(RabbitMqCluster cluster, ITestOutputHelper output) : IClassFixture<RabbitMqCluster>
{
    private const int BarCount = 5000;
    private const string Prefix = "HAC";

    private static string Symbol(int bar) => Prefix + bar.ToString("D4", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Exchange, string RoutingKey, byte[] Body)> Halves(int from, int count) =>
        Enumerable.Range(from, count).SelectMany(bar =>
        {
            var symbol = Symbol(bar);
            (string, string, byte[]) features = (MessageExchanges.FeatureSnapshot, symbol + ".4H", Bars.Json(Bars.Features(symbol, 0)));
            (string, string, byte[]) qse = (MessageExchanges.QseOutput, symbol + ".4H", Bars.Json(Bars.Qse(symbol, 0)));
            return bar % 2 == 0 ? new[] { features, qse } : [qse, features];
        });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        Assert.True(await Eventually.HoldsAsync(condition, timeout, TimeSpan.FromMilliseconds(50)), failure());

    // The node holding the worker's connections dies with deliveries of every shard in flight: those deliveries are
    // void (dropped with the join state only they held) and their redeliveries are decided, none waits for a restart,
    // and the worker stops without cutting its drain.
    [Fact]
    public async Task Killing_the_node_of_the_shard_queue_leaders_mid_stream_loses_no_bar_and_decides_each_once_with_the_audit_chain_intact()
    {
        await using var worker = await WorkerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Uri"] = cluster.Uri,
            ["Bus:RabbitMq:Endpoints"] = cluster.Endpoints,
            ["Bus:RabbitMq:QueueType"] = "quorum",
        });
        await WaitUntilAsync(() => worker.Output.Contains("Consuming ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => worker.Output);

        // The worker declared the queues through the first endpoint, so their leaders and both of its connections are there.
        var leaders = new List<RabbitMqNode>();
        for (var shard = 0; shard < new Worker.Bus.RabbitMqBusOptions().ShardCount; shard++)
        {
            leaders.Add(await cluster.LeaderOfAsync(BusTopology.ShardQueue(shard)));
        }

        var doomed = leaders.GroupBy(n => n).OrderByDescending(g => g.Count()).First().Key;
        var survivors = cluster.Nodes.Where(n => n != doomed).ToList();
        await using var subscriber = await DecisionSubscriber.StartAsync(survivors[0]);
        await using var publisher = await InputPublisher.StartAsync(survivors[1], automaticRecovery: false);

        // Half the bars before the kill, still being decided when it comes; the other half during the failover.
        await publisher.ManyAsync(Halves(0, BarCount / 2));
        await WaitUntilAsync(() => subscriber.For(Prefix).Count >= 500, TimeSpan.FromSeconds(90), () => worker.Output);
        var decidedBeforeKill = subscriber.For(Prefix).Select(d => d.DecisionId).Distinct().Count();
        await doomed.KillAsync();
        Assert.True(decidedBeforeKill < BarCount / 2, "the kill came too late to be mid-stream");
        await publisher.ManyAsync(Halves(BarCount / 2, BarCount / 2));

        var expected = Enumerable.Range(0, BarCount).Select(b => DecisionIds.For(Symbol(b), "4H", Bars.Start)).ToHashSet();
        await subscriber.WaitForAsync(Prefix, expected, TimeSpan.FromSeconds(120));
        var newLeader = await cluster.LeaderOfAsync(BusTopology.ShardQueue(0), askNot: doomed);
        Assert.Equal(0, await worker.TerminateAsync(TimeSpan.FromSeconds(40)));

        // What an operator sees in the worker's log about the node loss.
        output.WriteLine(string.Join('\n', worker.Output.Split('\n').Where(l => l.Contains("RabbitMQ", StringComparison.Ordinal))));
        var received = subscriber.For(Prefix);
        var ids = received.Select(d => d.DecisionId).ToHashSet();
        Assert.True(expected.SetEquals(ids), $"missing {expected.Except(ids).Count()}, unexpected {ids.Except(expected).Count()}\n{worker.Output}");
        Assert.All(received.GroupBy(d => d.DecisionId), copies =>
            Assert.Single(copies.Select(d => (d.AllowTrade, d.Regime.RegimeLabel, d.Signal.SuccessProbability, string.Join('|', d.DecisionReasons))).Distinct()));
        Assert.DoesNotContain(received, d => d.DecisionReasons.Any(r => r.StartsWith("Join timeout", StringComparison.Ordinal)));
        Assert.NotEqual(doomed, newLeader);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"connection to 127.0.0.1:{doomed.AmqpPort} lost"), worker.Output, StringComparison.Ordinal);
        Assert.Contains("connection recovered to 127.0.0.1:", worker.Output, StringComparison.Ordinal);

        // The drain on stop did not wait on deliveries of the lost channel until the shutdown timeout cut it.
        Assert.DoesNotContain("Shutdown timeout:", worker.Output, StringComparison.Ordinal);

        using var verify = ChildProcess.Start("dotnet", WorkerProcess.WorkerPath, "audit", "verify", Path.Combine(worker.StateDirectory, "audit"));
        Assert.True(await verify.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, verify.StandardOutput + verify.StandardError);
    }
}
