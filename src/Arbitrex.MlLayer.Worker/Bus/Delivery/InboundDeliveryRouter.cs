using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// Hands a delivery to the path of its kind, told by the exchange it was published to: trade outcomes to
/// <see cref="OutcomeDeliveryHandler"/>, everything else (the two halves of a bar) to <see cref="BarDeliveryHandler"/>.
/// Outcomes share the worker's shard queues with bars, so each reaches the worker that decided its bar.
/// </summary>
public sealed class InboundDeliveryRouter(BarDeliveryHandler bars, OutcomeDeliveryHandler outcomes)
{
    public Task HandleAsync(IInboundDelivery delivery, CancellationToken stopWaiting)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.Exchange == MessageExchanges.Outcome
            ? outcomes.HandleAsync(delivery, stopWaiting)
            : bars.HandleAsync(delivery, stopWaiting);
    }
}
