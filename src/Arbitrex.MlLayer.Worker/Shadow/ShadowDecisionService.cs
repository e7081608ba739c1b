using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>
/// Drains <see cref="ShadowHandoff"/> off the live path: decides each bar with the shadow models, audits the
/// decision (record type <c>shadow_decision</c>, same hash chain), publishes it to <c>arbitrex.ml.decision.shadow</c>,
/// keeps it by decision_id and compares it with the live decision. A failure of any step is logged and counted and
/// costs that one bar's shadow, never the live path or the next bar.
/// </summary>
internal sealed partial class ShadowDecisionService(
    ShadowHandoff queue,
    InferenceEngine engine,
    IAuditLog audit,
    IShadowDecisionPublisher publisher,
    ShadowComparison comparison,
    ShadowDecisionStore store,
    ShadowPathCounters counters,
    ILogger<ShadowDecisionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var bar in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await DecideAsync(bar, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Bars still queued at shutdown have no shadow decision; their live decisions are unaffected.
        }
    }

    private async Task DecideAsync(ShadowBar bar, CancellationToken stoppingToken)
    {
        var live = bar.Live;
        MlDecision? shadow;
        try
        {
            shadow = engine.PredictShadow(bar.Snapshot, live, bar.Features, bar.Qse);
        }
        catch (InvalidInputException ex)
        {
            counters.CountFailed();
            Log.ShadowRefused(logger, live.DecisionId, ex.Message);
            return;
        }

        if (shadow is null)
        {
            return;
        }

        try
        {
            await audit.AppendAsync(shadow, bar.Features, bar.Qse, DecisionSource.Shadow, stoppingToken).ConfigureAwait(false);
            await publisher.PublishAsync(shadow, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            counters.CountFailed();
            Log.ShadowNotDelivered(logger, ex, live.DecisionId, ex.Message);
            return;
        }

        store.Add(shadow);
        comparison.Record(live, shadow);
        counters.CountDecided();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "Shadow models refused bar {DecisionId}: {Reason}")]
        public static partial void ShadowRefused(ILogger logger, string decisionId, string reason);

        [LoggerMessage(EventId = 4902, Level = LogLevel.Warning, Message = "Shadow decision {DecisionId} could not be audited or published: {Reason}")]
        public static partial void ShadowNotDelivered(ILogger logger, Exception exception, string decisionId, string reason);
    }
}
