using System.Collections.Concurrent;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A plain AMQP subscriber of <c>arbitrex.ml.decision</c>, like the signal generator (or of the shadow decision exchange).</summary>
internal sealed class DecisionSubscriber : IAsyncDisposable
{
    private readonly string _queue;
    private readonly string _exchange;
    private IConnection? _connection;
    private IChannel? _channel;

    private DecisionSubscriber(string queue, string exchange)
    {
        _queue = queue;
        _exchange = exchange;
    }

    /// <summary>Every decision received, in arrival order (duplicates included).</summary>
    public ConcurrentQueue<MlDecision> Received { get; } = new();

    public ConcurrentQueue<string> ContentTypes { get; } = new();

    /// <param name="exchange">The decision exchange by default; <c>arbitrex.ml.decision.shadow</c> for shadow decisions.</param>
    public static async Task<DecisionSubscriber> StartAsync(RabbitMqNode node, string exchange = MessageExchanges.Decision)
    {
        // Durable and named, so decisions published while the broker restarts are kept for this subscriber.
        var subscriber = new DecisionSubscriber("arbitrex.tests.decisions." + Guid.NewGuid().ToString("N"), exchange);
        await subscriber.ConnectAsync(node);
        return subscriber;
    }

    /// <summary>
    /// Consumes the same durable queue on a new connection, after a broker restart dropped the old one.
    /// </summary>
    /// <remarks>
    /// The subscriber's connections do not recover by themselves. With RabbitMQ.Client 7.1.2's automatic
    /// recovery the old connection sometimes came back, took a prefetch's worth of deliveries and then
    /// stalled without dispatching or releasing them (closing it hung as well), so decisions sat unacked
    /// in the test's own queue and the test reported them missing.
    /// </remarks>
    public async Task ReconnectAsync(RabbitMqNode node)
    {
        var dropped = _connection!;
        await ConnectAsync(node);
        await AmqpCleanup.DisposeQuietlyAsync(dropped);
    }

    public IReadOnlyList<MlDecision> For(string symbolPrefix) =>
        Received.Where(d => d.Symbol.StartsWith(symbolPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>Waits until every id was received at least once; returns the decisions of the prefix.</summary>
    public async Task<IReadOnlyList<MlDecision>> WaitForAsync(string symbolPrefix, IReadOnlySet<string> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var seen = For(symbolPrefix).Select(d => d.DecisionId).ToHashSet();
            if (ids.IsSubsetOf(seen))
            {
                break;
            }

            await Task.Delay(100);
        }

        return For(symbolPrefix);
    }

    private async Task ConnectAsync(RabbitMqNode node)
    {
        _connection = await node.ConnectAsync(automaticRecovery: false);
        _channel = await ConsumeAsync(_connection);
    }

    private async Task<IChannel> ConsumeAsync(IConnection connection)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(_queue, _exchange, "#");

        // Acknowledged after it is recorded, as a real subscriber would: with automatic acks, deliveries the
        // client had received but not yet dispatched when the broker stopped would be lost on the test's side.
        await channel.BasicQosAsync(0, 1000, false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            ContentTypes.Enqueue(delivery.BasicProperties.ContentType ?? string.Empty);
            Received.Enqueue(JsonSerializer.Deserialize<MlDecision>(delivery.Body.Span, ContractJson.Options)!);
            try
            {
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The connection dropped before the ack: the broker redelivers it (a duplicate).
            }
        };
        await channel.BasicConsumeAsync(_queue, autoAck: false, consumer);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel!.QueueDeleteAsync(_queue);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The node is gone; its folder is deleted with it.
        }

        await _channel!.DisposeAsync();
        await AmqpCleanup.DisposeQuietlyAsync(_connection!);
    }
}
