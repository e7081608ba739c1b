using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>Publishes a decision to <c>arbitrex.ml.decision</c>; completes once the broker confirmed it.</summary>
public interface IDecisionPublisher
{
    Task PublishAsync(MlDecision decision, CancellationToken cancellationToken);
}
