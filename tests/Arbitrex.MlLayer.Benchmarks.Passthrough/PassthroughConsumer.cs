using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Arbitrex.MlLayer.Benchmarks.Passthrough;

/// <summary>
/// Consumes every shard queue of <c>arbitrex.ml.worker</c>, acks each half and, when the second half of a bar
/// arrives, republishes a fixed decision for that bar to <c>arbitrex.ml.decision</c> with a publisher confirm.
/// The feed tool's watcher needs a parseable <see cref="MlDecision"/> per bar, so the halves are paired; nothing
/// else the worker does (engine, audit, monitor, holding the first half unacknowledged) happens here.
/// A trade outcome (published to <c>arbitrex.ml.outcome</c>, which feeds the same shard queues) is acknowledged
/// as it arrives and counted, nothing more: with the feed's <c>--outcomes</c> the ceiling carries the worker's
/// broker traffic, so the worker's share of it measures only what the worker does with an outcome.
/// </summary>
internal sealed class PassthroughConsumer : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _publishChannel;
    private readonly List<IChannel> _consumeChannels = [];
    private readonly ConcurrentDictionary<string, byte> _firstHalves = new(StringComparer.Ordinal);
    private long _consumed;
    private long _published;
    private long _outcomes;

    private PassthroughConsumer(IConnection connection, IChannel publishChannel)
    {
        _connection = connection;
        _publishChannel = publishChannel;
    }

    public long Consumed => Interlocked.Read(ref _consumed);

    public long Published => Interlocked.Read(ref _published);

    public long Outcomes => Interlocked.Read(ref _outcomes);

    public static async Task<PassthroughConsumer> StartAsync(Uri broker, int shards, ushort prefetch)
    {
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "arbitrex-passthrough", ConsumerDispatchConcurrency = 64 };
        var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
        var publishChannel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)).ConfigureAwait(false);
        var passthrough = new PassthroughConsumer(connection, publishChannel);
        for (var shard = 0; shard < shards; shard++)
        {
            var channel = await connection.CreateChannelAsync().ConfigureAwait(false);
            await channel.BasicQosAsync(0, prefetch, global: false).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => passthrough.HandleAsync(channel, delivery);
            await channel.BasicConsumeAsync(string.Create(CultureInfo.InvariantCulture, $"arbitrex.ml.worker.shard-{shard}"), autoAck: false, consumer).ConfigureAwait(false);
            passthrough._consumeChannels.Add(channel);
        }

        return passthrough;
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref _consumed);
        if (delivery.Exchange == MessageExchanges.Outcome)
        {
            Interlocked.Increment(ref _outcomes);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            return;
        }

        var (symbol, timeframe, barTime) = ReadBar(delivery.Body.Span);
        var key = string.Create(CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTime:O}");
        if (!_firstHalves.TryAdd(key, 0))
        {
            _firstHalves.TryRemove(key, out _);
            var body = JsonSerializer.SerializeToUtf8Bytes(Decision(symbol, timeframe, barTime), ContractJson.Options);
            await _publishChannel.BasicPublishAsync(MessageExchanges.Decision, $"{symbol}.{timeframe}", mandatory: false, new BasicProperties(), body).ConfigureAwait(false);
            Interlocked.Increment(ref _published);
        }

        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
    }

    private static (string Symbol, string Timeframe, DateTime BarTime) ReadBar(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? symbol = null, timeframe = null;
        DateTime barTime = default;
        reader.Read();
        while (reader.Read() && reader.CurrentDepth >= 1)
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            if (reader.ValueTextEquals("symbol"u8))
            {
                reader.Read();
                symbol = reader.GetString();
            }
            else if (reader.ValueTextEquals("timeframe"u8))
            {
                reader.Read();
                timeframe = reader.GetString();
            }
            else if (reader.ValueTextEquals("bar_time"u8))
            {
                reader.Read();
                barTime = reader.GetDateTime().ToUniversalTime();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (symbol ?? string.Empty, timeframe ?? string.Empty, barTime);
    }

    /// <summary>
    /// A decision of the worker's shape; its <c>decision_id</c> is as long as the worker's (32 hex characters) and
    /// distinct per bar, so the outcomes the feed publishes for it are the size of the worker's.
    /// </summary>
    private static MlDecision Decision(string symbol, string timeframe, DateTime barTime) => new()
    {
        DecisionId = Guid.NewGuid().ToString("N"),
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = barTime,
        Timestamp = DateTime.UtcNow,
        AllowTrade = false,
        Regime = new RegimePrediction { RegimeLabel = "RANGING", Confidence = 0.5, EfficiencyRatio = 0.5, Probabilities = new Dictionary<string, double>() },
        Signal = new SignalPrediction { SuccessProbability = 0.5, ShouldEnter = false, ShouldExit = false, ConfidenceLevel = "LOW", TopFeatures = [] },
        DecisionReasons = ["passthrough"],
        QseValid = true,
        ProcessingTimeMs = 0,
        ConfigHash = "passthrough",
        ModelVersions = new Dictionary<string, string>(),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _consumeChannels)
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }

        await _publishChannel.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
