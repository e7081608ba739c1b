using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A publisher that calls back on every publish, to look at the world at that moment.</summary>
internal sealed class CallbackPublisher(Action<MlDecision> onPublish) : IDecisionPublisher
{
    public Task PublishAsync(MlDecision decision, CancellationToken cancellationToken)
    {
        onPublish(decision);
        return Task.CompletedTask;
    }
}
