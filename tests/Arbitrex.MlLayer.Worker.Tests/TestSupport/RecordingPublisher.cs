using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal sealed class RecordingPublisher : IDecisionPublisher
{
    public ConcurrentQueue<MlDecision> Published { get; } = new();

    public int FailNext { get; set; }

    public Task PublishAsync(MlDecision decision, CancellationToken cancellationToken)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("broker connection lost");
        }

        Published.Enqueue(decision);
        return Task.CompletedTask;
    }
}
