using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Telemetry;
using Polly;
using Polly.Registry;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>
/// The path of a trade outcome, whatever the transport: parse and check it, join it to its decision, audit it, then
/// acknowledge. A refusal goes to the error queue with its reason (counted and logged); a duplicate is acknowledged
/// without effect; anything else leaves the delivery requeued, so nothing is acknowledged that was not recorded.
/// </summary>
public sealed partial class OutcomeDeliveryHandler(
    OutcomeRecorder recorder,
    AuditHealth auditHealth,
    IPredictionMonitor monitor,
    OutcomeCounters counters,
    ResiliencePipelineProvider<string> pipelines,
    ILogger<OutcomeDeliveryHandler> logger)
{
    private static readonly TimeSpan RequeuePause = TimeSpan.FromSeconds(1);

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(BusResilience.PipelineName);

    /// <summary>Handles one outcome delivery to the end and settles it; <paramref name="stopWaiting"/> (stopping) requeues it.</summary>
    public async Task HandleAsync(IInboundDelivery delivery, CancellationToken stopWaiting)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var span = BusActivities.StartReceive(delivery);
        try
        {
            await auditHealth.WaitUntilHealthyAsync(stopWaiting).ConfigureAwait(false);
            var outcome = OutcomeReader.Read(delivery.Body.Span);
            CheckRoutingKey(delivery, outcome);
            var recorded = await recorder.RecordAsync(outcome, stopWaiting).ConfigureAwait(false);
            await delivery.AckAsync(CancellationToken.None).ConfigureAwait(false);
            span?.SetTag("arbitrex.settled", recorded ? "ack" : "ack_duplicate");
        }
        catch (OutcomeRefusedException ex)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message).SetTag("arbitrex.settled", "dead_letter");
            await DeadLetterAsync(delivery, ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopWaiting.IsCancellationRequested)
        {
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Requeued(logger, ex, delivery.RoutingKey);
            await Task.Delay(RequeuePause, CancellationToken.None).ConfigureAwait(false);
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Outcomes are sharded by routing key like the bars they follow, so one whose key disagrees with its body would reach
    /// a worker that may not hold its decision. An empty key is a message sent straight to a queue.
    /// </summary>
    private static void CheckRoutingKey(IInboundDelivery delivery, TradeOutcome outcome)
    {
        var expected = MessageExchanges.RoutingKey(outcome.Symbol, outcome.Timeframe);
        if (delivery.RoutingKey.Length > 0 && !string.Equals(delivery.RoutingKey, expected, StringComparison.Ordinal))
        {
            throw new OutcomeRefusedException(
                OutcomeRefusedException.RoutingKey,
                $"routing key '{delivery.RoutingKey}' does not match the body's '{expected}' (symbol.timeframe)");
        }
    }

    private async Task DeadLetterAsync(IInboundDelivery delivery, OutcomeRefusedException refusal)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static (state, ct) => new ValueTask(state.delivery.DeadLetterAsync(state.Message, ct)),
                (delivery, refusal.Message),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Requeued(logger, ex, delivery.RoutingKey);
            await Task.Delay(RequeuePause, CancellationToken.None).ConfigureAwait(false);
            await delivery.RequeueAsync(CancellationToken.None).ConfigureAwait(false);
            return;
        }

        counters.CountRefused(refusal.Category);
        monitor.RecordRejected(refusal.Message);
        Log.Refused(logger, delivery.RoutingKey, refusal.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "Refused an outcome ({RoutingKey}) to the error queue: {Reason}")]
        public static partial void Refused(ILogger logger, string routingKey, string reason);

        [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Recording an outcome ({RoutingKey}) failed after retries; requeued")]
        public static partial void Requeued(ILogger logger, Exception exception, string routingKey);
    }
}
