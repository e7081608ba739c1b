using System.Collections.Concurrent;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A plain AMQP subscriber of <c>arbitrex.ml.decision</c>, like the signal generator.</summary>
internal sealed class DecisionSubscriber : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private readonly string _queue;

    private DecisionSubscriber(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    /// <summary>Every decision received, in arrival order (duplicates included).</summary>
    public ConcurrentQueue<MlDecision> Received { get; } = new();

    public ConcurrentQueue<string> ContentTypes { get; } = new();

    public static async Task<DecisionSubscriber> StartAsync(RabbitMqNode node)
    {
        var connection = await node.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        // Durable and named, so decisions published while the broker restarts are kept for this subscriber.
        var queue = "arbitrex.tests.decisions." + Guid.NewGuid().ToString("N");
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, MessageExchanges.Decision, "#");
        var subscriber = new DecisionSubscriber(connection, channel, queue);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            subscriber.ContentTypes.Enqueue(delivery.BasicProperties.ContentType ?? string.Empty);
            subscriber.Received.Enqueue(JsonSerializer.Deserialize<MlDecision>(delivery.Body.Span, ContractJson.Options)!);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return subscriber;
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.QueueDeleteAsync(_queue);
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // The node is gone; its folder is deleted with it.
        }

        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
