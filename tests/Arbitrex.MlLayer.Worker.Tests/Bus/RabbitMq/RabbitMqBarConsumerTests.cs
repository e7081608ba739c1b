using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The worker's RabbitMQ side against a real broker, with the deterministic engine.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class RabbitMqBarConsumerTests(RabbitMqNode node)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // RabbitMqConnections' "connection open" and RabbitMqBarConsumer's "broker went away at start-up" events.
    private const int RabbitMqConnectionOpenEventId = 4201;
    private const int SetUpInterruptedEventId = 4307;

    private static HashSet<string> Ids(string prefix, int bars) =>
        Enumerable.Range(0, bars).Select(b => Bars.Id(prefix + b.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), 0)).ToHashSet();

    private static string Symbol(string prefix, int bar) => prefix + bar.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertEachDecidedOnce(HashSet<string> expected, IReadOnlyList<MlDecision> received)
    {
        var ids = received.Select(d => d.DecisionId).ToList();
        Assert.True(expected.SetEquals(ids), $"expected {expected.Count} bars, got {ids.Distinct().Count()} distinct of {ids.Count}; missing {expected.Except(ids).Count()}");
        Assert.Equal(expected.Count, ids.Count);
    }

    [Fact]
    public async Task Halves_in_either_order_are_joined_and_each_bar_decided_once()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        await using var publisher = await InputPublisher.StartAsync(node);

        for (var bar = 0; bar < 60; bar++)
        {
            var symbol = Symbol("ORD", bar);
            if (bar % 2 == 0)
            {
                await publisher.FeaturesAsync(Bars.Features(symbol, 0));
                await publisher.QseAsync(Bars.Qse(symbol, 0));
            }
            else
            {
                await publisher.QseAsync(Bars.Qse(symbol, 0));
                await publisher.FeaturesAsync(Bars.Features(symbol, 0));
            }
        }

        var expected = Ids("ORD", 60);
        var received = await subscriber.WaitForAsync("ORD", expected, Patience);
        await Task.Delay(500);

        AssertEachDecidedOnce(expected, subscriber.For("ORD"));
        Assert.All(received, d => Assert.True(d.AllowTrade));
        Assert.All(subscriber.ContentTypes, c => Assert.Equal("application/json", c));
        Assert.Empty(worker.Monitor.JoinTimeouts);
    }

    [Fact]
    public async Task Duplicate_halves_before_and_after_the_decision_publish_no_second_decision()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        await using var publisher = await InputPublisher.StartAsync(node);

        for (var bar = 0; bar < 20; bar++)
        {
            var symbol = Symbol("DUP", bar);
            await publisher.FeaturesAsync(Bars.Features(symbol, 0));
            await publisher.FeaturesAsync(Bars.Features(symbol, 0));
            await publisher.QseAsync(Bars.Qse(symbol, 0));
            await publisher.QseAsync(Bars.Qse(symbol, 0));
        }

        var expected = Ids("DUP", 20);
        await subscriber.WaitForAsync("DUP", expected, Patience);
        for (var bar = 0; bar < 20; bar++)
        {
            await publisher.QseAsync(Bars.Qse(Symbol("DUP", bar), 0));
            await publisher.FeaturesAsync(Bars.Features(Symbol("DUP", bar), 0));
        }

        await Task.Delay(2000);
        AssertEachDecidedOnce(expected, subscriber.For("DUP"));
        Assert.Equal(20, worker.Audit.Records.Count(r => r.Symbol.StartsWith("DUP", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_half_whose_partner_never_arrives_is_decided_fail_closed_naming_the_missing_half()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri, joinWindow: TimeSpan.FromSeconds(2));
        await using var publisher = await InputPublisher.StartAsync(node);

        await publisher.FeaturesAsync(Bars.Features("TMO000", 0));
        await publisher.QseAsync(Bars.Qse("TMO001", 0));
        await publisher.FeaturesAsync(Bars.Features("TMO002", 0));
        await publisher.QseAsync(Bars.Qse("TMO002", 0));

        var expected = Ids("TMO", 3);
        var received = await subscriber.WaitForAsync("TMO", expected, Patience);

        AssertEachDecidedOnce(expected, received);
        var byId = received.ToDictionary(d => d.Symbol);
        Assert.Equal("Join timeout: qse_output not received within 2 s", Assert.Single(byId["TMO000"].DecisionReasons));
        Assert.Equal("Join timeout: feature_snapshot not received within 2 s", Assert.Single(byId["TMO001"].DecisionReasons));
        Assert.False(byId["TMO000"].AllowTrade);
        Assert.True(byId["TMO002"].AllowTrade);
        Assert.Contains("feature_snapshot", worker.Monitor.JoinTimeouts);
        Assert.Contains("qse_output", worker.Monitor.JoinTimeouts);
    }

    [Fact]
    public async Task Poison_messages_go_to_the_error_queue_with_a_reason_while_good_bars_keep_flowing()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        await using var publisher = await InputPublisher.StartAsync(node);

        var nanFeatures = Encoding.UTF8.GetString(Bars.Json(Bars.Features("PSNNAN", 0))).Replace("0.4", "NaN", StringComparison.Ordinal);
        var wrongType = Encoding.UTF8.GetString(Bars.Json(Bars.Qse("PSNTYPE", 0))).Replace("\"signal_valid\":true", "\"signal_valid\":\"yes\"", StringComparison.Ordinal);
        var missingFeature = Bars.Features("PSNMISS", 0) with { Features = new Dictionary<string, double> { ["volatility"] = 0.01 } };
        for (var bar = 0; bar < 30; bar++)
        {
            var symbol = Symbol("PSN", bar);
            await publisher.FeaturesAsync(Bars.Features(symbol, 0));
            await publisher.QseAsync(Bars.Qse(symbol, 0));
            switch (bar)
            {
                case 5:
                    await publisher.RawAsync(MessageExchanges.FeatureSnapshot, "PSNBAD.4H", Encoding.UTF8.GetBytes("{\"symbol\": \"PSNBAD\", "));
                    break;
                case 10:
                    await publisher.RawAsync(MessageExchanges.FeatureSnapshot, "PSNNAN.4H", Encoding.UTF8.GetBytes(nanFeatures));
                    break;
                case 15:
                    await publisher.RawAsync(MessageExchanges.QseOutput, "PSNTYPE.4H", Encoding.UTF8.GetBytes(wrongType));
                    break;
                case 20:
                    await publisher.FeaturesAsync(missingFeature);
                    await publisher.QseAsync(Bars.Qse("PSNMISS", 0));
                    break;
                case 25:
                    // A lone half with a timeframe the engine refuses: refused at once, not after the join window.
                    await publisher.QseAsync(Bars.Qse("PSNTF", 0, timeframe: "4h"));
                    break;
            }
        }

        var expected = Ids("PSN", 30);
        await subscriber.WaitForAsync("PSN", expected, Patience);
        var reasons = await ErrorQueueReasonsAsync(["PSNBAD.4H", "PSNNAN.4H", "PSNTYPE.4H", "PSNMISS.4H", "PSNTF.4h"], 6);

        AssertEachDecidedOnce(expected, subscriber.For("PSN"));
        Assert.StartsWith("malformed JSON", reasons["PSNBAD.4H"].Single(), StringComparison.Ordinal);
        Assert.Equal("invalid feature_snapshot: features.momentum_score is not a finite number", reasons["PSNNAN.4H"].Single());
        Assert.Equal("invalid qse_output: signal_valid must be true or false", reasons["PSNTYPE.4H"].Single());
        Assert.Equal(2, reasons["PSNMISS.4H"].Count);
        Assert.All(reasons["PSNMISS.4H"], r => Assert.Contains("features.momentum_score", r, StringComparison.Ordinal));
        Assert.StartsWith("invalid qse_output: timeframe '4h' is not one of", reasons["PSNTF.4h"].Single(), StringComparison.Ordinal);
        // A refusal is counted once its dead-letter is confirmed, which can be after the partner's decision arrives.
        Assert.True(await Eventually.HoldsAsync(() => worker.Monitor.Rejections.Count >= 6, Patience), "six refusals counted");
        Assert.Equal(6, worker.Monitor.Rejections.Count);
        Assert.Empty(worker.Monitor.JoinTimeouts);
    }

    [Fact]
    public async Task A_half_whose_partner_is_refused_is_decided_fail_closed_at_once_naming_the_refusal()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri, joinWindow: TimeSpan.FromSeconds(60));
        await using var publisher = await InputPublisher.StartAsync(node);

        // The valid half first for one bar, the refused half first for the other.
        var nanFeatures = Encoding.UTF8.GetString(Bars.Json(Bars.Features("REFNAN", 0))).Replace("0.4", "NaN", StringComparison.Ordinal);
        await publisher.QseAsync(Bars.Qse("REFNAN", 0));
        await publisher.RawAsync(MessageExchanges.FeatureSnapshot, "REFNAN.4H", Encoding.UTF8.GetBytes(nanFeatures));
        var noGates = Encoding.UTF8.GetString(Bars.Json(Bars.Qse("REFGATE", 0))).Replace("\"gates\":", "\"no_gates\":", StringComparison.Ordinal);
        await publisher.RawAsync(MessageExchanges.QseOutput, "REFGATE.4H", Encoding.UTF8.GetBytes(noGates));
        await publisher.FeaturesAsync(Bars.Features("REFGATE", 0));

        // Well inside the 60 s join window: only the refusal can have decided them.
        var received = await subscriber.WaitForAsync("REF", new HashSet<string> { Bars.Id("REFNAN", 0), Bars.Id("REFGATE", 0) }, TimeSpan.FromSeconds(30));

        Assert.Equal(2, received.Count);
        Assert.All(received, d => Assert.False(d.AllowTrade));
        Assert.StartsWith(
            "Partner refused: feature_snapshot went to the error queue (invalid feature_snapshot: features.momentum_score is not a finite number)",
            received.Single(d => d.Symbol == "REFNAN").DecisionReasons.Single(),
            StringComparison.Ordinal);
        Assert.StartsWith("Partner refused: qse_output went to the error queue", received.Single(d => d.Symbol == "REFGATE").DecisionReasons.Single(), StringComparison.Ordinal);
        Assert.Empty(worker.Monitor.JoinTimeouts);
        // The partner is decided before the refused half's dead-letter is confirmed and counted.
        Assert.True(await Eventually.HoldsAsync(() => worker.Monitor.Rejections.Count >= 2, Patience), "two refusals counted");
        Assert.Equal(2, worker.Monitor.Rejections.Count);
    }

    [Fact]
    public async Task A_broker_restart_mid_stream_loses_no_bar()
    {
        Assert.True(node.IsPrivate, "needs a private node (unset RABBITMQ_URI)");
        const int Total = 2000;
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri);

        // An upstream publishing at a steady pace throughout, so the broker stops while bars are in flight
        // (a burst published up front is all decided before a graceful stop closes the connections).
        var publishing = Task.Run(() => PublishSteadilyAcrossRestartsAsync("RST", Total));
        var deadline = DateTime.UtcNow + Patience;
        while (worker.Monitor.Decisions.Count(d => d.Symbol.StartsWith("RST", StringComparison.Ordinal)) < 200 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await node.RestartAsync();
        await subscriber.ReconnectAsync(node);
        await publishing;

        var expected = Ids("RST", Total);
        var received = await subscriber.WaitForAsync("RST", expected, TimeSpan.FromSeconds(120));

        var decided = worker.Monitor.Decisions.Where(d => d.Symbol.StartsWith("RST", StringComparison.Ordinal)).Select(d => d.DecisionId).ToHashSet();
        Assert.True(
            expected.SetEquals(received.Select(d => d.DecisionId)),
            $"missing {expected.Except(received.Select(d => d.DecisionId)).Count()} of {expected.Count}; the worker recorded {decided.Count} of them as published");
        Assert.All(received.GroupBy(d => d.DecisionId), g => Assert.Single(g.Select(d => (d.AllowTrade, d.DecisionReasons[0])).Distinct()));
    }

    /// <summary>
    /// Publishes <paramref name="bars"/> bars in confirmed batches of 20 every 20 ms; a batch whose confirms
    /// were lost to a broker outage is published again on a new connection once the broker is back.
    /// </summary>
    private async Task PublishSteadilyAcrossRestartsAsync(string prefix, int bars)
    {
        const int Batch = 20;
        var next = 0;
        while (next < bars)
        {
            InputPublisher? publisher = null;
            try
            {
                publisher = await InputPublisher.StartAsync(node, automaticRecovery: false);
                for (; next < bars; next += Batch)
                {
                    await publisher.ManyAsync(Enumerable.Range(next, Math.Min(Batch, bars - next)).SelectMany(bar => Halves(Symbol(prefix, bar))));
                    await Task.Delay(20);
                }
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or IOException)
            {
                await Task.Delay(500);
            }
            finally
            {
                if (publisher is not null)
                {
                    await AmqpCleanup.DisposeQuietlyAsync(publisher);
                }
            }
        }
    }

    [Fact]
    public async Task A_broker_that_stops_while_the_worker_subscribes_is_waited_for_and_then_consumed()
    {
        Assert.True(node.IsPrivate, "needs a private node (unset RABBITMQ_URI)");

        // The broker stops the moment the worker's consume connection is open, before it declares the
        // topology or subscribes to a shard: the window a restart during the worker's start-up falls into.
        using var stopped = new SemaphoreSlim(0);
        var hook = new LogEventHook(
            RabbitMqConnectionOpenEventId,
            message => message.Contains("consume", StringComparison.Ordinal),
            () =>
            {
                node.StopAsync().GetAwaiter().GetResult();
                stopped.Release();
            });
        await using var worker = await InProcessWorker.StartAsync(node.Uri, logHook: hook);
        Assert.True(await stopped.WaitAsync(Patience), "the worker never opened its consume connection");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await node.StartAsync();

        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var publisher = await InputPublisher.StartAsync(node);
        await publisher.ManyAsync(Enumerable.Range(0, 50).SelectMany(bar => Halves(Symbol("SUP", bar))));

        var expected = Ids("SUP", 50);
        await subscriber.WaitForAsync("SUP", expected, Patience);

        AssertEachDecidedOnce(expected, subscriber.For("SUP"));
        Assert.Contains(SetUpInterruptedEventId, hook.EventIds);
    }

    [Fact]
    public async Task A_shard_queue_the_broker_refuses_to_redeclare_stops_the_worker_instead_of_being_retried()
    {
        Assert.True(node.IsPrivate, "needs a private node (unset RABBITMQ_URI): the test replaces a shard queue");
        var queue = BusTopology.ShardQueue(3);
        await using var connection = await node.ConnectAsync(automaticRecovery: false);
        await ReplaceQueueAsync(connection, queue, arguments: null);
        try
        {
            // Without x-single-active-consumer: the worker's declaration is refused (PRECONDITION_FAILED) on an
            // open connection, a configuration error that waiting does not cure.
            var hook = new LogEventHook();
            await using var worker = await InProcessWorker.StartAsync(node.Uri, logHook: hook);
            var stopped = new TaskCompletionSource();
            await using var registration = worker.Stopping.Register(() => stopped.TrySetResult());
            Assert.Same(stopped.Task, await Task.WhenAny(stopped.Task, Task.Delay(Patience)));
            Assert.DoesNotContain(SetUpInterruptedEventId, hook.EventIds);
        }
        finally
        {
            await ReplaceQueueAsync(connection, queue, BusTopology.ShardQueueArguments(new RabbitMqBusOptions().QueueType));
        }
    }

    private static async Task ReplaceQueueAsync(IConnection connection, string queue, IDictionary<string, object?>? arguments)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments);
        await channel.QueueBindAsync(queue, BusTopology.WorkerExchange, "1");
    }

    [Fact]
    public async Task A_burst_of_ten_thousand_bars_is_decided_exactly_once_each()
    {
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using var worker = await InProcessWorker.StartAsync(node.Uri, prefetch: 512);
        await using var publisher = await InputPublisher.StartAsync(node);

        await publisher.ManyAsync(Enumerable.Range(0, 10_000).SelectMany(bar => Halves(Symbol("BST", bar), qseFirst: bar % 3 == 0)), window: 2000);

        var expected = Ids("BST", 10_000);
        await subscriber.WaitForAsync("BST", expected, TimeSpan.FromSeconds(180));
        await Task.Delay(500);

        AssertEachDecidedOnce(expected, subscriber.For("BST"));
        Assert.Empty(worker.Monitor.JoinTimeouts);
    }

    private static IEnumerable<(string Exchange, string RoutingKey, byte[] Body)> Halves(string symbol, bool qseFirst = false)
    {
        var features = (MessageExchanges.FeatureSnapshot, symbol + ".4H", Bars.Json(Bars.Features(symbol, 0)));
        var qse = (MessageExchanges.QseOutput, symbol + ".4H", Bars.Json(Bars.Qse(symbol, 0)));
        return qseFirst ? [qse, features] : [features, qse];
    }

    private async Task<Dictionary<string, List<string>>> ErrorQueueReasonsAsync(string[] routingKeys, int expectedCount)
    {
        await using var connection = await node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var reasons = routingKeys.ToDictionary(k => k, _ => new List<string>());
        var deadline = DateTime.UtcNow + Patience;
        while (reasons.Values.Sum(r => r.Count) < expectedCount && DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(BusTopology.ErrorQueue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(100);
                continue;
            }

            var headers = message.BasicProperties.Headers!;
            var key = Encoding.UTF8.GetString((byte[])headers[BusTopology.OriginalRoutingKeyHeader]!);
            if (reasons.TryGetValue(key, out var list))
            {
                list.Add(Encoding.UTF8.GetString((byte[])headers[BusTopology.RejectReasonHeader]!));
            }
        }

        return reasons;
    }
}
