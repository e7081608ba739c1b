using System.Collections.Concurrent;
using System.Threading.Channels;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// The embedded mode's broker, in process: the two input exchanges and the outcome exchange feed one worker queue, refused messages go to an
/// error queue, and decisions are handed to the decision exchange's subscribers. Everything travels as contract JSON
/// bytes, as on RabbitMQ, so the worker reads them with the production parser.
/// </summary>
public sealed class InMemoryBroker
{
    /// <summary>Refused messages kept for inspection; older ones are dropped (the process is the only reader).</summary>
    public const int ErrorQueueCapacity = 10_000;

    private static readonly IReadOnlyDictionary<string, object?> NoHeaders = new Dictionary<string, object?>();

    private readonly Channel<InMemoryMessage> _workerQueue = Channel.CreateUnbounded<InMemoryMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<InMemoryDeadLetter> _errorQueue = new();
    private readonly List<Action<InMemoryMessage>> _decisionSubscribers = [];
    private readonly List<Action<InMemoryMessage>> _shadowDecisionSubscribers = [];

    /// <summary>The worker queue: what the input exchanges routed, oldest first.</summary>
    public ChannelReader<InMemoryMessage> WorkerQueue => _workerQueue.Reader;

    /// <summary>The error queue's messages, oldest first.</summary>
    public IReadOnlyCollection<InMemoryDeadLetter> ErrorQueue => _errorQueue;

    /// <summary>
    /// Publishes to an exchange: an input or the outcome exchange routes to the worker queue, the decision and the
    /// shadow decision exchange to their own subscribers.
    /// </summary>
    public void Publish(string exchange, string routingKey, ReadOnlyMemory<byte> body) => Publish(exchange, routingKey, body, null);

    /// <summary>Publishes with headers (e.g. <c>traceparent</c>), as an AMQP publisher would.</summary>
    public void Publish(string exchange, string routingKey, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, object?>? headers)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        var message = new InMemoryMessage(exchange, routingKey, body, headers ?? NoHeaders);
        if (exchange == MessageExchanges.Decision)
        {
            Deliver(_decisionSubscribers, message);
        }
        else if (exchange == MessageExchanges.ShadowDecision)
        {
            Deliver(_shadowDecisionSubscribers, message);
        }
        else if (exchange is MessageExchanges.FeatureSnapshot or MessageExchanges.QseOutput or MessageExchanges.Outcome)
        {
            _workerQueue.Writer.TryWrite(message);
        }
    }

    /// <summary>Puts a message back at the end of the worker queue.</summary>
    public void Requeue(InMemoryMessage message) => _workerQueue.Writer.TryWrite(message);

    public void DeadLetter(InMemoryMessage message, string reason)
    {
        _errorQueue.Enqueue(new InMemoryDeadLetter(message, reason));
        while (_errorQueue.Count > ErrorQueueCapacity && _errorQueue.TryDequeue(out _))
        {
        }
    }

    /// <summary>Calls <paramref name="subscriber"/> for every shadow decision published from now on.</summary>
    public void SubscribeToShadowDecisions(Action<InMemoryMessage> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_shadowDecisionSubscribers)
        {
            _shadowDecisionSubscribers.Add(subscriber);
        }
    }

    private static void Deliver(List<Action<InMemoryMessage>> subscribers, InMemoryMessage message)
    {
        Action<InMemoryMessage>[] current;
        lock (subscribers)
        {
            current = [.. subscribers];
        }

        foreach (var subscriber in current)
        {
            subscriber(message);
        }
    }

    /// <summary>Calls <paramref name="subscriber"/> for every decision published from now on.</summary>
    public void SubscribeToDecisions(Action<InMemoryMessage> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (_decisionSubscribers)
        {
            _decisionSubscribers.Add(subscriber);
        }
    }
}
