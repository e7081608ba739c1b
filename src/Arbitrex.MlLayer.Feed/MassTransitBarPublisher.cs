using System.Text.Json;
using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Contracts;
using MassTransit;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Feed;

/// <summary>
/// The C# publisher path: MassTransit on RabbitMQ publishing the Contracts types as raw snake_case JSON to the
/// ML layer's topic exchanges with routing key <c>SYMBOL.TIMEFRAME</c> — the same bytes a Python client sends.
/// Every publish completes when the broker confirmed it.
/// </summary>
public sealed class MassTransitBarPublisher : IAsyncDisposable
{
    private readonly IBusControl _bus;

    private MassTransitBarPublisher(IBusControl bus)
    {
        _bus = bus;
    }

    public static async Task<MassTransitBarPublisher> StartAsync(Uri broker, CancellationToken cancellationToken = default)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker, h => h.PublisherConfirmation = true);
            cfg.UseRawJsonSerializer(RawSerializerOptions.AddTransportHeaders, isDefault: true);
            cfg.ConfigureJsonSerializerOptions(options =>
            {
                options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                options.DictionaryKeyPolicy = null;
                options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
                return options;
            });
            cfg.Message<FeatureSnapshot>(m => m.SetEntityName(MessageExchanges.FeatureSnapshot));
            cfg.Publish<FeatureSnapshot>(p => p.ExchangeType = ExchangeType.Topic);
            cfg.Send<FeatureSnapshot>(s => s.UseRoutingKeyFormatter(c => MessageExchanges.RoutingKey(c.Message.Symbol, c.Message.Timeframe)));
            cfg.Message<QseOutput>(m => m.SetEntityName(MessageExchanges.QseOutput));
            cfg.Publish<QseOutput>(p => p.ExchangeType = ExchangeType.Topic);
            cfg.Send<QseOutput>(s => s.UseRoutingKeyFormatter(c => MessageExchanges.RoutingKey(c.Message.Symbol, c.Message.Timeframe)));
            cfg.Message<TradeOutcome>(m => m.SetEntityName(MessageExchanges.Outcome));
            cfg.Publish<TradeOutcome>(p => p.ExchangeType = ExchangeType.Topic);
            cfg.Send<TradeOutcome>(s => s.UseRoutingKeyFormatter(c => MessageExchanges.RoutingKey(c.Message.Symbol, c.Message.Timeframe)));
        });
        await bus.StartAsync(cancellationToken).ConfigureAwait(false);
        return new MassTransitBarPublisher(bus);
    }

    public Task PublishAsync(FeatureSnapshot snapshot, CancellationToken cancellationToken = default) =>
        _bus.Publish(snapshot, Persistent, cancellationToken);

    public Task PublishAsync(QseOutput qse, CancellationToken cancellationToken = default) =>
        _bus.Publish(qse, Persistent, cancellationToken);

    public Task PublishAsync(TradeOutcome outcome, CancellationToken cancellationToken = default) =>
        _bus.Publish(outcome, Persistent, cancellationToken);

    public async ValueTask DisposeAsync() => await _bus.StopAsync().ConfigureAwait(false);

    private static void Persistent<T>(PublishContext<T> context)
        where T : class => context.Durable = true;
}
