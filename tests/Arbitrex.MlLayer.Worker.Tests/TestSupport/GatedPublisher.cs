using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A publisher whose broker confirm the test gives (or refuses), to hold a decision in flight.</summary>
internal sealed class GatedPublisher : IDecisionPublisher
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _confirm = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<MlDecision> Published { get; } = new();

    /// <summary>Completes when the first publish has started.</summary>
    public Task Entered => _entered.Task;

    public void Confirm() => _confirm.TrySetResult(true);

    public void Fail() => _confirm.TrySetResult(false);

    public async Task PublishAsync(MlDecision decision, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        if (!await _confirm.Task.ConfigureAwait(false))
        {
            throw new IOException("broker connection lost");
        }

        Published.Enqueue(decision);
    }
}
