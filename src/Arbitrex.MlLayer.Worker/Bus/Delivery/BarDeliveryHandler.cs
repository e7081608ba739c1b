using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Telemetry;
using Polly;
using Polly.Registry;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// The one path of a bar's half, whatever the transport: parse with the production reader, check the routing key,
/// join, decide, audit, publish, then settle the delivery. A refusal goes to the error queue with its reason (counted
/// and logged); anything else leaves the delivery requeued, so nothing is acknowledged that was not decided, audited
/// and published.
/// </summary>
public sealed partial class BarDeliveryHandler(
    BarJoiner joiner,
    AuditHealth auditHealth,
    IPredictionMonitor monitor,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<BarDeliveryHandler> logger,
    IOptions<BarTimeOptions> barTimes,
    TimeProvider time)
{
    private static readonly TimeSpan RequeuePause = TimeSpan.FromSeconds(1);

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(BusResilience.PipelineName);

    /// <summary>
    /// Handles one delivery to the end and settles it. <paramref name="stopWaiting"/> (the transport is stopping)
    /// ends a wait for a missing partner: the half is then requeued. A delivery that is <see cref="IInboundDelivery.Voided"/>
    /// stops waiting at once and is dropped unsettled, with the join state only it held.
    /// </summary>
    public async Task HandleAsync(IInboundDelivery delivery, CancellationToken stopWaiting)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var span = BusActivities.StartReceive(delivery);
        var voided = delivery.Voided;
        using var stopOrVoid = voided.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(stopWaiting, voided) : null;
        var leave = stopOrVoid?.Token ?? stopWaiting;
        try
        {
            // Back-pressure while the audit log takes no records: the delivery is held unsettled, so the broker stops
            // delivering once the prefetch is used up, and nothing is decided that could not be audited.
            await auditHealth.WaitUntilHealthyAsync(leave).ConfigureAwait(false);
            var half = InboundMessageReader.Read(delivery.Exchange, delivery.Body.Span);
            CheckRoutingKey(delivery, half);
            CheckNotAhead(half);
            await joiner.OfferAsync(half, leave, voided).ConfigureAwait(false);
            await delivery.AckAsync(CancellationToken.None).ConfigureAwait(false);
            span?.SetTag("arbitrex.settled", "ack");
        }
        catch (OperationCanceledException) when (voided.IsCancellationRequested)
        {
            // Its tag is void: nothing to settle. The broker delivers the message again and it joins afresh.
            span?.SetTag("arbitrex.settled", "void");
            Log.Voided(logger, delivery.RoutingKey);
        }
        catch (Exception ex) when (ex is PoisonMessageException or BarRejectedException)
        {
            if (ex is PoisonMessageException { Key: { } key, Kind: { } kind })
            {
                joiner.Refuse(key, kind, ex.Message);
            }

            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message).SetTag("arbitrex.settled", "dead_letter");
            await DeadLetterAsync(delivery, ex.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopWaiting.IsCancellationRequested)
        {
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message).SetTag("arbitrex.settled", "requeue");
            Log.Requeued(logger, ex, delivery.RoutingKey);
            await Task.Delay(RequeuePause, CancellationToken.None).ConfigureAwait(false);
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The consistent-hash exchange shards by routing key, so a half whose key disagrees with its body lands on
    /// another shard (another worker) than its partner and both get decided fail-closed. An empty key is a
    /// message sent straight to a queue, which has no shard to disagree with.
    /// </summary>
    private static void CheckRoutingKey(IInboundDelivery delivery, InboundHalf half)
    {
        var expected = MessageExchanges.RoutingKey(half.Key.Symbol, half.Key.Timeframe);
        if (delivery.RoutingKey.Length > 0 && !string.Equals(delivery.RoutingKey, expected, StringComparison.Ordinal))
        {
            throw new PoisonMessageException(
                $"routing key '{delivery.RoutingKey}' does not match the body's '{expected}' (symbol.timeframe)", half.Key, half.Kind);
        }
    }

    /// <summary>
    /// A bar far ahead of the clock is refused on arrival, before it can wait for a partner or be decided
    /// fail-closed. Its partner is not told: it names the same future bar and is refused the same way.
    /// </summary>
    private void CheckNotAhead(InboundHalf half)
    {
        try
        {
            BarKeyRules.RequireNotAhead(half.Key.Timeframe, half.Key.BarTime, time.GetUtcNow().UtcDateTime, barTimes.Value);
        }
        catch (InvalidInputException ex)
        {
            throw new PoisonMessageException(ex.Message);
        }
    }

    private async Task DeadLetterAsync(IInboundDelivery delivery, string reason)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static (state, ct) => new ValueTask(state.delivery.DeadLetterAsync(state.reason, ct)),
                (delivery, reason),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Requeued(logger, ex, delivery.RoutingKey);
            await Task.Delay(RequeuePause, CancellationToken.None).ConfigureAwait(false);
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        monitor.RecordRejected(reason);
        Log.Rejected(logger, delivery.Exchange, delivery.RoutingKey, reason);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Rejected a message from {Exchange} ({RoutingKey}) to the error queue: {Reason}")]
        public static partial void Rejected(ILogger logger, string exchange, string routingKey, string reason);

        [LoggerMessage(EventId = 4308, Level = LogLevel.Debug, Message = "Dropped a delivery ({RoutingKey}) of a lost channel; the broker delivers it again")]
        public static partial void Voided(ILogger logger, string routingKey);

        [LoggerMessage(EventId = 4303, Level = LogLevel.Warning, Message = "Processing a message ({RoutingKey}) failed after retries; requeued")]
        public static partial void Requeued(ILogger logger, Exception exception, string routingKey);
    }
}
