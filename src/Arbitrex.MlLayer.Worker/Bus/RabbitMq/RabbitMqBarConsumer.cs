using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// Consumes every shard queue with manual acknowledgements and hands each delivery, on its own task, to
/// <see cref="InboundDeliveryRouter"/> (bars and outcomes), which settles it; on shutdown, halves still waiting for a partner are requeued. The
/// deliveries of a channel that is lost are dropped at once (their tags are void; the broker delivers them again), so
/// neither the join nor a shutdown waits on them.
/// </summary>
internal sealed partial class RabbitMqBarConsumer(
    RabbitMqConnections connections,
    RabbitMqPublisher publisher,
    InboundDeliveryRouter handler,
    IOptions<BusOptions> options,
    ILogger<RabbitMqBarConsumer> logger) : BackgroundService
{
    private readonly List<ShardSubscription> _shards = [];
    private readonly InFlightDeliveries _inFlight = new();
    private readonly CancellationTokenSource _stopWaiting = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        ShardSubscription[] shards;
        lock (_shards)
        {
            shards = [.. _shards];
        }

        foreach (var shard in shards)
        {
            await shard.CancelAsync().ConfigureAwait(false);
        }

        await _stopWaiting.CancelAsync().ConfigureAwait(false);
        Log.Draining(logger, _inFlight.Count);
        try
        {
            await _inFlight.WhenAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.DrainCut(logger, _inFlight.Count);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        lock (_shards)
        {
            shards = [.. _shards];
            _shards.Clear();
        }

        foreach (var shard in shards)
        {
            await shard.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _stopWaiting.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bus = options.Value;
        var connection = await connections.ConsumerAsync(stoppingToken).ConfigureAwait(false);
        await UntilDoneAsync(
            connection,
            async ct =>
            {
                await using var setup = await connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
                await BusTopology.DeclareAsync(setup, bus.RabbitMq, ct).ConfigureAwait(false);
            },
            "declaring the topology",
            stoppingToken).ConfigureAwait(false);

        var preferred = bus.RabbitMq.ParsePreferredShards() is { Count: > 0 } list ? list : Enumerable.Range(0, bus.RabbitMq.ShardCount).ToList();
        await SubscribeAllAsync(connection, preferred, stoppingToken).ConfigureAwait(false);
        Log.Consuming(logger, preferred.Count, bus.PrefetchCount, bus.Join.Window.TotalSeconds);
        var standby = Enumerable.Range(0, bus.RabbitMq.ShardCount).Except(preferred).ToList();
        if (standby.Count == 0)
        {
            return;
        }

        // Subscribing later leaves these shards' active consumer to the worker that prefers them.
        await Task.Delay(bus.RabbitMq.StandbyDelay, stoppingToken).ConfigureAwait(false);
        await SubscribeAllAsync(connection, standby, stoppingToken).ConfigureAwait(false);
        Log.Standby(logger, standby.Count);
    }

    private async Task SubscribeAllAsync(IConnection connection, IReadOnlyList<int> shards, CancellationToken stoppingToken)
    {
        foreach (var shard in shards)
        {
            await UntilDoneAsync(connection, ct => SubscribeAsync(connection, shard, ct), "subscribing to " + BusTopology.ShardQueue(shard), stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one start-up step until it succeeds. The broker can go away between the connection opening and the
    /// last subscription (a restart while the worker starts); the connection then recovers by itself, with the
    /// subscriptions made so far, and only the interrupted step needs doing again. Failing instead would stop
    /// the host. A step that fails while the connection stays open (the broker refused it, e.g. a queue
    /// declared with other arguments) is not retried: that is a configuration error and stops the host.
    /// </summary>
    private async Task UntilDoneAsync(IConnection connection, Func<CancellationToken, Task> step, string what, CancellationToken stoppingToken)
    {
        var untilDone = BusResilience.UntilCancelled(
            options.Value.RabbitMq.ConnectRetryInterval,
            ex => (BusFaults.IsTransient(ex) || ex is OperationCanceledException) && !connection.IsOpen && !stoppingToken.IsCancellationRequested,
            (ex, delay) => Log.SetUpInterrupted(logger, ex, what, delay.TotalSeconds));
        await untilDone.ExecuteAsync(static async (step, ct) => await step(ct).ConfigureAwait(false), step, stoppingToken).ConfigureAwait(false);
    }

    private async Task SubscribeAsync(IConnection connection, int shardNumber, CancellationToken stoppingToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        var shard = new ShardSubscription(channel, BusTopology.ShardQueue(shardNumber));
        try
        {
            await channel.BasicQosAsync(0, (ushort)options.Value.PrefetchCount, false, stoppingToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                _inFlight.Track(HandleAsync(new RabbitMqDelivery(
                    shard, publisher, delivery.DeliveryTag, delivery.Exchange, delivery.RoutingKey, delivery.BasicProperties.Headers?.AsReadOnly(), delivery.Body.ToArray(), shard.DeliveriesVoided)));
                return Task.CompletedTask;
            };
            shard.ConsumerTag = await channel.BasicConsumeAsync(shard.Queue, autoAck: false, consumer, stoppingToken).ConfigureAwait(false);
        }
        catch
        {
            await shard.AbandonAsync().ConfigureAwait(false);
            throw;
        }

        lock (_shards)
        {
            _shards.Add(shard);
        }
    }

    private async Task HandleAsync(RabbitMqDelivery delivery)
    {
        await Task.Yield();
        await handler.HandleAsync(delivery, _stopWaiting.Token).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Consuming {ShardCount} preferred shard queues (prefetch {Prefetch} each, join window {WindowSeconds} s)")]
        public static partial void Consuming(ILogger logger, int shardCount, int prefetch, double windowSeconds);

        [LoggerMessage(EventId = 4307, Level = LogLevel.Warning, Message = "The broker went away while {What} at start-up; retrying in {Seconds} s")]
        public static partial void SetUpInterrupted(ILogger logger, Exception exception, string what, double seconds);

        [LoggerMessage(EventId = 4306, Level = LogLevel.Information, Message = "Standing by on {ShardCount} more shard queues")]
        public static partial void Standby(ILogger logger, int shardCount);

        [LoggerMessage(EventId = 4304, Level = LogLevel.Information, Message = "Stopping: draining {InFlight} in-flight deliveries; halves without a partner are requeued")]
        public static partial void Draining(ILogger logger, int inFlight);

        [LoggerMessage(EventId = 4305, Level = LogLevel.Warning, Message = "Shutdown timeout: {InFlight} deliveries left unacknowledged (the broker redelivers them)")]
        public static partial void DrainCut(ILogger logger, int inFlight);
    }
}
