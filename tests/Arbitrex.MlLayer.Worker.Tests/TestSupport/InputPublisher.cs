using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Publishes raw JSON halves the way a plain AMQP client does (persistent, confirmed).</summary>
internal sealed class InputPublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private InputPublisher(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    /// <param name="automaticRecovery">False for a publisher that reconnects itself after a broker restart.</param>
    public static async Task<InputPublisher> StartAsync(RabbitMqNode node, bool automaticRecovery = true)
    {
        var connection = await node.ConnectAsync(automaticRecovery);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        return new InputPublisher(connection, channel);
    }

    public ValueTask FeaturesAsync(FeatureSnapshot snapshot) =>
        RawAsync(MessageExchanges.FeatureSnapshot, MessageExchanges.RoutingKey(snapshot.Symbol, snapshot.Timeframe), Bars.Json(snapshot));

    public ValueTask QseAsync(QseOutput qse) =>
        RawAsync(MessageExchanges.QseOutput, MessageExchanges.RoutingKey(qse.Symbol, qse.Timeframe), Bars.Json(qse));

    public ValueTask RawAsync(string exchange, string routingKey, byte[] body)
    {
        var properties = new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent };
        return _channel.BasicPublishAsync(exchange, routingKey, false, properties, body);
    }

    /// <summary>Publishes many halves with their confirms awaited together.</summary>
    public async Task ManyAsync(IEnumerable<(string Exchange, string RoutingKey, byte[] Body)> messages, int window = 500)
    {
        var pending = new List<Task>(window);
        foreach (var (exchange, routingKey, body) in messages)
        {
            pending.Add(RawAsync(exchange, routingKey, body).AsTask());
            if (pending.Count == window)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
