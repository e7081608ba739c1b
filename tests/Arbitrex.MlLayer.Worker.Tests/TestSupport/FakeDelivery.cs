using System.Text;
using Arbitrex.MlLayer.Worker.Bus.Delivery;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A delivery that records how it was settled.</summary>
internal sealed class FakeDelivery(string exchange, string routingKey, byte[] body) : IInboundDelivery
{
    private readonly TaskCompletionSource<string> _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReadOnlyMemory<byte> Body => body;

    public string Exchange => exchange;

    public string RoutingKey => routingKey;

    public IReadOnlyDictionary<string, object?> Headers { get; } = new Dictionary<string, object?>();

    /// <summary>Cancel it as when the channel the delivery came on is lost: its tag is void and the broker delivers it again.</summary>
    public CancellationToken Voided { get; init; }

    /// <summary>"ack", "requeue" or "dead-letter: reason", once settled.</summary>
    public Task<string> Settled => _settled.Task;

    public static FakeDelivery Of(string exchange, string routingKey, string json) => new(exchange, routingKey, Encoding.UTF8.GetBytes(json));

    public Task AckAsync(CancellationToken cancellationToken) => Settle("ack");

    public Task RequeueAsync(CancellationToken cancellationToken) => Settle("requeue");

    public Task DeadLetterAsync(string reason, CancellationToken cancellationToken) => Settle("dead-letter: " + reason);

    private Task Settle(string how)
    {
        if (!_settled.TrySetResult(how))
        {
            throw new InvalidOperationException($"settled twice: {_settled.Task.Result}, then {how}");
        }

        return Task.CompletedTask;
    }
}
