using Arbitrex.MlLayer.Worker.Bus.Delivery;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>A delivery from the in-process worker queue; <paramref name="settled"/> frees its consumer slot.</summary>
internal sealed class InMemoryDelivery(InMemoryBroker broker, InMemoryMessage message, Action settled) : IInboundDelivery
{
    public ReadOnlyMemory<byte> Body => message.Body;

    public string Exchange => message.Exchange;

    public string RoutingKey => message.RoutingKey;

    public IReadOnlyDictionary<string, object?> Headers => message.Headers;

    /// <summary>An in-process delivery has no channel to lose.</summary>
    public CancellationToken Voided => CancellationToken.None;

    public Task AckAsync(CancellationToken cancellationToken)
    {
        settled();
        return Task.CompletedTask;
    }

    public Task RequeueAsync(CancellationToken cancellationToken)
    {
        broker.Requeue(message);
        settled();
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(string reason, CancellationToken cancellationToken)
    {
        broker.DeadLetter(message, reason);
        settled();
        return Task.CompletedTask;
    }
}
