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
    // Bars waiting when the decider comes round are taken together: their audit records share one write and their
    // publishes are confirmed together, instead of one broker round trip per shadow decision.
    private const int MaxBatch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ShadowBar>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var bar))
                {
                    batch.Add(bar);
                }

                await DecideAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Bars still queued at shutdown have no shadow decision; their live decisions are unaffected.
        }
    }

    /// <summary>Decides the bars in order, delivers their shadow decisions together, then records them in order.</summary>
    private async Task DecideAsync(List<ShadowBar> bars, CancellationToken stoppingToken)
    {
        var decided = new List<(ShadowBar Bar, MlDecision Shadow)>(bars.Count);
        foreach (var bar in bars)
        {
            if (Decide(bar) is { } shadow)
            {
                decided.Add((bar, shadow));
            }
        }

        var delivered = await Task.WhenAll(decided.Select(d => DeliverAsync(d.Bar, d.Shadow, stoppingToken))).ConfigureAwait(false);
        for (var i = 0; i < decided.Count; i++)
        {
            if (delivered[i])
            {
                store.Add(decided[i].Shadow);
                comparison.Record(decided[i].Bar.Live, decided[i].Shadow);
                counters.CountDecided();
            }
        }
    }

    private MlDecision? Decide(ShadowBar bar)
    {
        try
        {
            return engine.PredictShadow(bar.Snapshot, bar.Live, bar.Features, bar.Qse);
        }
        catch (InvalidInputException ex)
        {
            counters.CountFailed();
            Log.ShadowRefused(logger, bar.Live.DecisionId, ex.Message);
            return null;
        }
    }

    /// <summary>Audits, then publishes; false (logged and counted) when either failed.</summary>
    private async Task<bool> DeliverAsync(ShadowBar bar, MlDecision shadow, CancellationToken stoppingToken)
    {
        try
        {
            await audit.AppendAsync(shadow, bar.Features, bar.Qse, DecisionSource.Shadow, stoppingToken).ConfigureAwait(false);
            await publisher.PublishAsync(shadow, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            counters.CountFailed();
            Log.ShadowNotDelivered(logger, ex, bar.Live.DecisionId, ex.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4901, Level = LogLevel.Warning, Message = "Shadow models refused bar {DecisionId}: {Reason}")]
        public static partial void ShadowRefused(ILogger logger, string decisionId, string reason);

        [LoggerMessage(EventId = 4902, Level = LogLevel.Warning, Message = "Shadow decision {DecisionId} could not be audited or published: {Reason}")]
        public static partial void ShadowNotDelivered(ILogger logger, Exception exception, string decisionId, string reason);
    }
}
