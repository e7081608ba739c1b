using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using MassTransit;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

internal sealed class FeatureSnapshotConsumer(InMemoryHalfHandler handler) : IConsumer<FeatureSnapshot>
{
    public Task Consume(ConsumeContext<FeatureSnapshot> context) =>
        handler.HandleAsync(() => InboundMessageReader.Validate(context.Message), context.CancellationToken);
}
