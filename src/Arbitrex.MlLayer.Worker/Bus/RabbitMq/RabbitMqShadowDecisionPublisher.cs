using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Shadow;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>Publishes shadow decisions (confirmed, persistent) to <c>arbitrex.ml.decision.shadow</c> on the worker's publisher channel.</summary>
internal sealed class RabbitMqShadowDecisionPublisher(RabbitMqPublisher publisher) : IShadowDecisionPublisher
{
    public Task PublishAsync(MlDecision shadow, CancellationToken cancellationToken) =>
        publisher.PublishAsync(MessageExchanges.ShadowDecision, shadow, cancellationToken);
}
