namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// One message as a transport hands it to <see cref="BarDeliveryHandler"/>: the raw contract JSON with where it was
/// published, and the three ways to settle it. Every delivery is settled exactly once.
/// </summary>
public interface IInboundDelivery
{
    /// <summary>The message body: contract JSON, UTF-8.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>The exchange it was published to (the input exchange tells the half's kind).</summary>
    string Exchange { get; }

    /// <summary>The routing key it was published with: <c>SYMBOL.TIMEFRAME</c>.</summary>
    string RoutingKey { get; }

    /// <summary>The message's headers (AMQP headers, or none in process).</summary>
    IReadOnlyDictionary<string, object?> Headers { get; }

    /// <summary>
    /// Fires when the delivery can no longer be settled: the channel it came on was lost, so its delivery tag is void
    /// and the transport delivers the message again. The handler then drops it and what the bar held only for it.
    /// </summary>
    CancellationToken Voided { get; }

    /// <summary>Done with it: the transport forgets the message.</summary>
    Task AckAsync(CancellationToken cancellationToken);

    /// <summary>Not handled now: the transport delivers it again (to this worker or another).</summary>
    Task RequeueAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Refused for good: moved to the error queue with <paramref name="reason"/>, then acknowledged. Throws when the
    /// error queue did not take it; the caller then requeues instead.
    /// </summary>
    Task DeadLetterAsync(string reason, CancellationToken cancellationToken);
}
