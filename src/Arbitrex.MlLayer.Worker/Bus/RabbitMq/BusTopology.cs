using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// The broker objects the worker relies on, identical to <c>rabbitmq/definitions.json</c>:
/// the topic exchanges (inputs, outcomes, decisions, shadow decisions), a consistent-hash exchange fed by both input
/// exchanges and the outcome exchange (routing key <c>SYMBOL.TIMEFRAME</c>, so both halves of a bar, and later its
/// outcome, hash to the same shard), single-active-consumer shard queues, and the error queue. The queues are of the
/// configured <see cref="ShardQueueType"/>.
/// </summary>
public static class BusTopology
{
    public const string WorkerExchange = "arbitrex.ml.worker";
    public const string ErrorQueue = "arbitrex.ml.worker_error";
    public const string ConsistentHashExchangeType = "x-consistent-hash";

    /// <summary>Header of an error-queue message: why the worker refused it.</summary>
    public const string RejectReasonHeader = "x-reject-reason";
    public const string OriginalExchangeHeader = "x-original-exchange";
    public const string OriginalRoutingKeyHeader = "x-original-routing-key";

    public static string ShardQueue(int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"arbitrex.ml.worker.shard-{shard}");

    public const string QueueTypeArgument = "x-queue-type";
    public const string SingleActiveConsumerArgument = "x-single-active-consumer";

    /// <summary>
    /// Every shard queue has one active consumer, so a bar's two halves meet in one worker. A classic queue is
    /// declared without <c>x-queue-type</c>, as it always was, so queues from before the setting still match.
    /// </summary>
    public static IDictionary<string, object?> ShardQueueArguments(ShardQueueType queueType)
    {
        var arguments = ErrorQueueArguments(queueType);
        arguments[SingleActiveConsumerArgument] = true;
        return arguments;
    }

    public static IDictionary<string, object?> ErrorQueueArguments(ShardQueueType queueType) =>
        queueType == ShardQueueType.Quorum
            ? new Dictionary<string, object?> { [QueueTypeArgument] = "quorum" }
            : new Dictionary<string, object?>();

    /// <summary>Declares everything; the broker refuses (PRECONDITION_FAILED) a queue that exists with other arguments.</summary>
    public static async Task DeclareAsync(IChannel channel, RabbitMqBusOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var exchange in new[] { MessageExchanges.FeatureSnapshot, MessageExchanges.QseOutput, MessageExchanges.Decision, MessageExchanges.Outcome, MessageExchanges.ShadowDecision })
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.ExchangeDeclareAsync(WorkerExchange, ConsistentHashExchangeType, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeBindAsync(WorkerExchange, MessageExchanges.FeatureSnapshot, "#", cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeBindAsync(WorkerExchange, MessageExchanges.QseOutput, "#", cancellationToken: cancellationToken).ConfigureAwait(false);

        // Outcomes follow their bar to its shard: the worker holding the shard decided the bar and can join the outcome.
        await channel.ExchangeBindAsync(WorkerExchange, MessageExchanges.Outcome, "#", cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var shard = 0; shard < options.ShardCount; shard++)
        {
            var queue = ShardQueue(shard);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: ShardQueueArguments(options.QueueType), cancellationToken: cancellationToken).ConfigureAwait(false);

            // The binding key of a consistent-hash exchange is the shard's weight.
            await channel.QueueBindAsync(queue, WorkerExchange, "1", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false, arguments: ErrorQueueArguments(options.QueueType), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
