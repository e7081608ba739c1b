using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using MassTransit;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

internal sealed class QseOutputConsumer(InMemoryHalfHandler handler) : IConsumer<QseOutput>
{
    public Task Consume(ConsumeContext<QseOutput> context) =>
        handler.HandleAsync(() => InboundMessageReader.Validate(context.Message), context.CancellationToken);
}
