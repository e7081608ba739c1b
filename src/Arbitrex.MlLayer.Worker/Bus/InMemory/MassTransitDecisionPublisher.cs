using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;
using MassTransit;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Publishes decisions on MassTransit's in-memory bus (embedded demo mode).</summary>
internal sealed class MassTransitDecisionPublisher(IBus bus) : IDecisionPublisher
{
    public Task PublishAsync(MlDecision decision, CancellationToken cancellationToken) => bus.Publish(decision, cancellationToken);
}
