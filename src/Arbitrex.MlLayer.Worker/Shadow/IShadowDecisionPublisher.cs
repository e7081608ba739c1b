using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>Publishes a shadow decision to <c>arbitrex.ml.decision.shadow</c>, never to the live decision exchange.</summary>
public interface IShadowDecisionPublisher
{
    Task PublishAsync(MlDecision shadow, CancellationToken cancellationToken);
}
