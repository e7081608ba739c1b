using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Telemetry;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// Publishes raw snake_case JSON with publisher confirms: every call completes when the broker has taken
/// responsibility for the message. Calls from many bars run concurrently on one confirm-tracking channel.
/// </summary>
internal sealed class RabbitMqPublisher(RabbitMqConnections connections) : IDecisionPublisher, IAsyncDisposable
{
    private static readonly JsonTypeInfo<MlDecision> DecisionJson = ContractJson.Options.TypeInfo<MlDecision>();

    /// <summary>
    /// Bounds the wait for a confirm, so that one lost with a failing node ends in a <see cref="TimeoutException"/>
    /// the bus pipeline retries, instead of holding the bar's decider (and a shutdown) for ever.
    /// </summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _channelGate = new(1, 1);
    private IChannel? _channel;

    public Task PublishAsync(MlDecision decision, CancellationToken cancellationToken) =>
        PublishAsync(MessageExchanges.Decision, decision, cancellationToken);

    /// <summary>Publishes <paramref name="decision"/> to <paramref name="exchange"/> (the decision or the shadow decision exchange).</summary>
    public async Task PublishAsync(string exchange, MlDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var body = JsonSerializer.SerializeToUtf8Bytes(decision, DecisionJson);
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            ContentEncoding = "utf-8",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = decision.DecisionId,
            Type = nameof(MlDecision),
            Headers = BusActivities.TraceHeaders(),
        };
        var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
        await ConfirmedAsync(channel, exchange, MessageExchanges.RoutingKey(decision.Symbol, decision.Timeframe), false, properties, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves a refused message to <see cref="BusTopology.ErrorQueue"/> with the reason in a header. Mandatory:
    /// should the queue be gone, the broker returns the message instead of confirming a drop, and the call
    /// throws, so the caller requeues the original rather than acknowledging it.
    /// </summary>
    public async Task PublishToErrorQueueAsync(ReadOnlyMemory<byte> body, string? exchange, string? routingKey, string reason, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?>
            {
                [BusTopology.RejectReasonHeader] = reason,
                [BusTopology.OriginalExchangeHeader] = exchange ?? string.Empty,
                [BusTopology.OriginalRoutingKeyHeader] = routingKey ?? string.Empty,
            },
        };
        var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
        await ConfirmedAsync(channel, string.Empty, BusTopology.ErrorQueue, true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }

        _channelGate.Dispose();
    }

    private static async Task ConfirmedAsync(
        IChannel channel, string exchange, string routingKey, bool mandatory, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConfirmTimeout);
        try
        {
            await channel.BasicPublishAsync(exchange, routingKey, mandatory, properties, body, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm a publish to '{exchange}' ({routingKey}) within {ConfirmTimeout.TotalSeconds} s.", ex);
        }
    }

    private async ValueTask<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        var channel = _channel;
        if (channel is { IsOpen: true })
        {
            return channel;
        }

        await _channelGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_channel is { IsOpen: true })
            {
                return _channel;
            }

            var connection = await connections.PublisherAsync(cancellationToken).ConfigureAwait(false);
            if (_channel is not null && !connection.IsOpen)
            {
                // The connection is recovering; the recovered channel comes back with it.
                return _channel;
            }

            if (_channel is not null)
            {
                await _channel.DisposeAsync().ConfigureAwait(false);
            }

            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            return _channel;
        }
        finally
        {
            _channelGate.Release();
        }
    }
}
