using System.Diagnostics;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// Subscribes to <c>arbitrex.ml.decision</c> with its own exclusive queue and notes when each of this run's
/// bars (<see cref="Expect"/>) got its first decision, for end-to-end latency (from the publish of the bar's
/// second half). <c>firstDecision</c>, when given, is called with the first decision of each of them.
/// </summary>
internal sealed class DecisionWatcher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly DecisionArrivals _arrivals = new();

    private DecisionWatcher(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public int Count => _arrivals.Count;

    public int Duplicates => _arrivals.Duplicates;

    public static async Task<DecisionWatcher> StartAsync(Uri broker, Action<MlDecision>? firstDecision = null)
    {
        var connection = await new ConnectionFactory { Uri = broker, ClientProvidedName = "arbitrex-feed:decisions" }.CreateConnectionAsync().ConfigureAwait(false);
        var channel = await connection.CreateChannelAsync().ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(MessageExchanges.Decision, ExchangeType.Topic, durable: true).ConfigureAwait(false);
        var queue = await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true).ConfigureAwait(false);
        await channel.QueueBindAsync(queue.QueueName, MessageExchanges.Decision, "#").ConfigureAwait(false);
        var watcher = new DecisionWatcher(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            var decision = JsonSerializer.Deserialize<MlDecision>(delivery.Body.Span, ContractJson.Options);
            if (decision is not null && watcher._arrivals.Record(BarHalf.Key(decision.Symbol, decision.Timeframe, decision.BarTime), now))
            {
                firstDecision?.Invoke(decision);
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer).ConfigureAwait(false);
        return watcher;
    }

    /// <inheritdoc cref="DecisionArrivals.Expect"/>
    public void Expect(string barKey) => _arrivals.Expect(barKey);

    public bool TryGetArrival(string barKey, out long timestamp) => _arrivals.TryGetArrival(barKey, out timestamp);

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
