using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Telemetry;
using Polly;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Makes a decision count, in the only safe order: the audit record first (durable: written, and fsynced when
/// <c>Audit:FlushToDisk</c>), then the publish (broker-confirmed). A decision is therefore never seen without its
/// record, and once audited it is remembered until its publish is confirmed, so a retry or a redelivery republishes
/// exactly the audited decision instead of deciding the bar again. Concurrent bars share the audit writer's batched write and flush.
/// What follows an audited decision (outcome joining, drift, the shadow) is told through
/// <see cref="AuditedDecisionObservers"/>, each at its moment: before the publish or after its confirm.
/// </summary>
internal sealed class DecisionCommitter(
    IDecisionPublisher publisher,
    IAuditLog audit,
    IPredictionMonitor monitor,
    RecentDecisions recent,
    AuditHealth auditHealth,
    ResiliencePipeline pipeline,
    AuditedDecisionObservers observers)
{
    private readonly ResiliencePipeline untilWritten = BusResilience.UntilWritten(pipeline);

    /// <summary>
    /// Audits, remembers and publishes <paramref name="decision"/>. The audit is retried for as long as writes fail
    /// (the audit health is then failing) unless <paramref name="abandon"/> fires; the publish is retried by the bus
    /// pipeline. <paramref name="audited"/> runs once the record is written, before the publish, so what it counts is
    /// counted before a subscriber can see the decision.
    /// </summary>
    public async Task CommitAsync(BarKey key, MlDecision decision, FeatureSnapshot? features, QseOutput? qse, Action? audited, CancellationToken abandon)
    {
        using (BusActivities.StartAudit(decision.DecisionId))
        {
            await AuditAsync(key, decision, features, qse, abandon).ConfigureAwait(false);
        }

        var observed = new AuditedDecision(decision, features?.Features, qse);
        observers.BeforePublish(observed);
        audited?.Invoke();
        await PublishAsync(key, recent.AddAudited(key, decision)).ConfigureAwait(false);
        observers.AfterPublish(observed);
    }

    /// <summary>Publishes an audited decision whose publish was not confirmed in this process; nothing for one that was.</summary>
    public async Task PublishAsync(BarKey key, RecentDecision decided)
    {
        try
        {
            await decided.PublishOnceAsync(async decision =>
            {
                using var span = BusActivities.StartPublish(MessageExchanges.Decision, MessageExchanges.RoutingKey(decision.Symbol, decision.Timeframe), decision.DecisionId);
                await RunAsync(pipeline, "publish " + key, static (state, ct) => state.publisher.PublishAsync(state.decision, ct), (publisher, decision), CancellationToken.None).ConfigureAwait(false);
                if (decided.MarkPublished())
                {
                    monitor.Record(decision);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            // Confirmed: the decision is let go; failed: kept packed for the retry or redelivery.
            decided.SettleFinishedPublish();
        }
    }

    private async Task AuditAsync(BarKey key, MlDecision decision, FeatureSnapshot? features, QseOutput? qse, CancellationToken abandon)
    {
        var state = (this, decision, features?.Features, qse);
        await RunAsync(untilWritten, "audit " + key, static (s, _) => s.Item1.AppendAsync(s.decision, s.Item3, s.qse, CancellationToken.None), state, abandon).ConfigureAwait(false);
        auditHealth.ReportSuccess();
    }

    private async Task AppendAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, CancellationToken cancellationToken)
    {
        try
        {
            await audit.AppendAsync(decision, features, qse, DecisionSource.Bus, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsIoFault(ex))
        {
            auditHealth.ReportFailure(ex);
            monitor.RecordAuditWriteFailure();
            throw;
        }
    }

    private static async Task RunAsync<TState>(ResiliencePipeline pipeline, string what, Func<TState, CancellationToken, Task> step, TState state, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(what, cancellationToken);
        try
        {
            await pipeline.ExecuteAsync(
                static async (context, s) => await s.step(s.state, context.CancellationToken).ConfigureAwait(false),
                context,
                (step, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
