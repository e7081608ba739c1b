using Arbitrex.MlLayer.Worker.Bus.Delivery;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// A delivery from a shard queue, settled on its channel; refused ones are moved to the error queue.
/// <paramref name="voided"/> is the channel life it arrived in (<see cref="ShardSubscription.DeliveriesVoided"/>).
/// </summary>
internal sealed class RabbitMqDelivery(
    ShardSubscription shard,
    RabbitMqPublisher publisher,
    ulong deliveryTag,
    string exchange,
    string routingKey,
    IReadOnlyDictionary<string, object?>? headers,
    byte[] body,
    CancellationToken voided) : IInboundDelivery
{
    private static readonly IReadOnlyDictionary<string, object?> NoHeaders = new Dictionary<string, object?>();

    public ReadOnlyMemory<byte> Body => body;

    public string Exchange => exchange;

    public string RoutingKey => routingKey;

    public IReadOnlyDictionary<string, object?> Headers => headers ?? NoHeaders;

    public CancellationToken Voided => voided;

    public Task AckAsync(CancellationToken cancellationToken) => shard.AckAsync(deliveryTag);

    public Task RequeueAsync(CancellationToken cancellationToken) => shard.RequeueAsync(deliveryTag);

    public async Task DeadLetterAsync(string reason, CancellationToken cancellationToken)
    {
        await publisher.PublishToErrorQueueAsync(body, exchange, routingKey, reason, cancellationToken).ConfigureAwait(false);
        await shard.AckAsync(deliveryTag).ConfigureAwait(false);
    }
}
