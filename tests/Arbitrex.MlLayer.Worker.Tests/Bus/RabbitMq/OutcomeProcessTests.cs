using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>Trade outcomes through the real worker process on a real broker, across a SIGKILL of the worker and a broker restart.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
[Trait("Worker", "Process")]
public sealed class OutcomeProcessTests(RabbitMqNode node) : IAsyncLifetime
{
    private const int Bars = 5000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _audit = Path.Combine(Path.GetTempPath(), "arbitrex-outcome-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await node.PurgeWorkerQueuesAsync();
        if (Directory.Exists(_audit))
        {
            Directory.Delete(_audit, recursive: true);
        }
    }

    private static string Symbol(int bar) => "OUT" + bar.ToString("D4", CultureInfo.InvariantCulture);

    private static IEnumerable<(string Exchange, string RoutingKey, byte[] Body)> Halves(int from, int count) =>
        Enumerable.Range(from, count).SelectMany(bar =>
        {
            var symbol = Symbol(bar);
            return new[]
            {
                (MessageExchanges.FeatureSnapshot, symbol + ".4H", TestSupport.Bars.Json(TestSupport.Bars.Features(symbol, 0))),
                (MessageExchanges.QseOutput, symbol + ".4H", TestSupport.Bars.Json(TestSupport.Bars.Qse(symbol, 0))),
            };
        });

    private List<string> RecordedOutcomeIds() =>
        Directory.Exists(_audit)
            ? [.. AuditLogReader.ReadEvents(_audit, AuditRecordTypes.Outcome).Select(e => e.Line.GetProperty("decision_id").GetString()!)]
            : [];

    private static Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout) =>
        Eventually.HoldsAsync(condition, timeout, TimeSpan.FromMilliseconds(100));

    private async Task<bool> ShardQueuesEmptyAsync()
    {
        var listing = await node.ControlAsync("list_queues", "name", "messages", "--quiet");
        var shards = Enumerable.Range(0, new BusOptions().RabbitMq.ShardCount).Select(BusTopology.ShardQueue).ToHashSet();
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 2 && shards.Contains(cells[0]))
            .All(cells => cells[1] == "0");
    }

    [Fact]
    public async Task Outcomes_published_late_and_out_of_order_are_each_recorded_once_across_a_worker_kill_and_a_broker_restart()
    {
        Assert.True(node.IsPrivate, "needs a private node (unset RABBITMQ_URI)");
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        var first = await BusWorkerProcess.StartAsync(node, _audit);
        await using var outcomes = new LateOutcomePublisher(node, subscriber, "OUT", maxDelay: TimeSpan.FromSeconds(2), duplicateShare: 0.05);
        await using (var publisher = await InputPublisher.StartAsync(node))
        {
            await publisher.ManyAsync(Halves(0, Bars));
        }

        await WaitUntilAsync(() => RecordedOutcomeIds().Count >= 1000, Patience);
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var firstOutput = first.Output;
        await first.DisposeAsync();
        var beforeKill = RecordedOutcomeIds().Count;
        Assert.InRange(beforeKill, 1000, Bars - 1);

        await using var second = await BusWorkerProcess.StartAsync(node, _audit, joinWindow: TimeSpan.FromSeconds(3));
        await WaitUntilAsync(() => RecordedOutcomeIds().Count >= beforeKill + 1000, Patience);
        await node.RestartAsync();
        await subscriber.ReconnectAsync(node);

        var expected = Enumerable.Range(0, Bars).Select(b => DecisionIds.For(Symbol(b), "4H", TestSupport.Bars.Start)).ToHashSet();
        await WaitUntilAsync(() => expected.IsSubsetOf(RecordedOutcomeIds()), Patience);
        await WaitUntilAsync(() => outcomes.Idle && ShardQueuesEmptyAsync().GetAwaiter().GetResult(), Patience);

        var recorded = RecordedOutcomeIds();
        var output = firstOutput + second.Output;
        Assert.True(expected.SetEquals(recorded), $"missing {expected.Except(recorded).Count()}, unexpected {recorded.Except(expected).Count()}\n{output}");
        Assert.Equal(Bars, recorded.Count);
        Assert.True(outcomes.Published > Bars, "no outcome was published twice");
        Assert.Contains("recorded outcomes from the audit log", second.Output, StringComparison.Ordinal);
        Assert.True(AuditChainVerifier.Verify(_audit).IsIntact);
    }
}
