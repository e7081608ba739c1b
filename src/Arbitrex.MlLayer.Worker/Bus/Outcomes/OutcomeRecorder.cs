using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Decisions;
using Polly;
using Polly.Registry;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Records a trade outcome once: joins it to its decision (<see cref="ScorableDecisions"/>), appends it to the audit log
/// as an <c>outcome</c> record and, once that is flushed, hands it to the live-quality sinks. A second outcome for the
/// same decision changes nothing. Audit writes are retried as for decisions: while they fail, the audit health says so.
/// </summary>
public sealed partial class OutcomeRecorder(
    ScorableDecisions decisions,
    IAuditLog audit,
    AuditHealth auditHealth,
    IPredictionMonitor monitor,
    IEnumerable<IOutcomeSink> sinks,
    OutcomeCounters counters,
    ResiliencePipelineProvider<string> pipelines,
    TimeProvider time,
    ILogger<OutcomeRecorder> logger)
{
    private readonly ResiliencePipeline _untilWritten = BusResilience.UntilWritten(pipelines.GetPipeline(BusResilience.PipelineName));
    /// <summary>One key for every outcome's audit write: a per-outcome key would be a string built at the bar rate.</summary>
    private const string AuditOperationKey = "audit outcome";

    private readonly IOutcomeSink[] _sinks = [.. sinks];

    /// <summary>
    /// Records <paramref name="outcome"/> (checked by <see cref="OutcomeReader"/>); true when this call recorded it, false
    /// for a duplicate. Completes once the audit record is flushed, so the delivery may be acknowledged after it.
    /// </summary>
    /// <exception cref="OutcomeRefusedException">No recent bus decision has its id, or that decision is for another bar.</exception>
    public async Task<bool> RecordAsync(TradeOutcome outcome, CancellationToken abandon)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var decision = Join(outcome, decisions);
        if (!await decision.RecordOnceAsync(() => AuditAsync(outcome, decision, abandon)).ConfigureAwait(false))
        {
            counters.CountDuplicate();
            Log.Duplicate(logger, outcome.DecisionId);
            return false;
        }

        counters.CountRecorded();
        var scored = new ScoredOutcome(
            decision.DecisionId,
            decision.SignalFilterVersion,
            decision.RegimeClassifierVersion,
            decision.Regime,
            decision.SignalProbability,
            decision.Allowed,
            outcome.Success,
            outcome.RealizedReturn,
            decision.Bar.BarTime,
            time.GetUtcNow().UtcDateTime);
        foreach (var sink in _sinks)
        {
            try
            {
                sink.Record(scored);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The outcome is in the audit log: a failing figure must not make the broker deliver it again.
                Log.SinkFailed(logger, ex, sink.GetType().Name, outcome.DecisionId);
            }
        }

        return true;
    }

    /// <summary>The decision <paramref name="outcome"/> refers to.</summary>
    /// <exception cref="OutcomeRefusedException">Unknown id, or a decision for another bar (the fields that differ are named).</exception>
    public static ScorableDecision Join(TradeOutcome outcome, ScorableDecisions decisions)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(decisions);
        if (!decisions.TryGet(outcome.DecisionId, out var decision))
        {
            throw new OutcomeRefusedException(
                OutcomeRefusedException.UnknownDecision,
                $"unknown decision_id '{outcome.DecisionId}': not among this worker's last {decisions.Capacity} bus decisions");
        }

        var bar = new BarKey(outcome.Symbol, outcome.Timeframe, outcome.BarTime);
        if (bar != decision.Bar)
        {
            var fields = new List<string>(3);
            if (!string.Equals(bar.Symbol, decision.Bar.Symbol, StringComparison.Ordinal))
            {
                fields.Add("symbol");
            }

            if (!string.Equals(bar.Timeframe, decision.Bar.Timeframe, StringComparison.Ordinal))
            {
                fields.Add("timeframe");
            }

            if (bar.BarTime != decision.Bar.BarTime)
            {
                fields.Add("bar_time");
            }

            throw new OutcomeRefusedException(
                OutcomeRefusedException.BarKeyMismatch,
                $"bar key mismatch ({string.Join(", ", fields)}): the outcome names {bar}, decision_id '{outcome.DecisionId}' was decided for {decision.Bar}");
        }

        return decision;
    }

    private async Task AuditAsync(TradeOutcome outcome, ScorableDecision decision, CancellationToken abandon)
    {
        var record = new AuditedOutcome
        {
            DecisionId = outcome.DecisionId,
            Symbol = outcome.Symbol,
            Timeframe = outcome.Timeframe,
            BarTime = outcome.BarTime,
            Success = outcome.Success,
            RealizedReturn = outcome.RealizedReturn,
            ClosedAt = outcome.ClosedAt,
            SignalProb = decision.SignalProbability,
            Allowed = decision.Allowed,
            Regime = decision.Regime,
            ModelVersions = decision.ModelVersions,
            ConfigHash = decision.ConfigHash,
        };

        var context = ResilienceContextPool.Shared.Get(AuditOperationKey, abandon);
        try
        {
            await _untilWritten.ExecuteAsync(
                static async (_, state) => await state.Item1.AppendAsync(state.record).ConfigureAwait(false),
                context,
                (this, record)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        auditHealth.ReportSuccess();
    }

    private async Task AppendAsync(AuditedOutcome record)
    {
        try
        {
            await audit.AppendEventAsync(AuditRecordTypes.Outcome, record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsIoFault(ex))
        {
            auditHealth.ReportFailure(ex);
            monitor.RecordAuditWriteFailure();
            throw;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4803, Level = LogLevel.Debug, Message = "Outcome of decision {DecisionId} was recorded already; acknowledged without effect")]
        public static partial void Duplicate(ILogger logger, string decisionId);

        [LoggerMessage(EventId = 4804, Level = LogLevel.Error, Message = "Live-quality sink {Sink} failed on the outcome of decision {DecisionId}; the outcome stays recorded")]
        public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string decisionId);
    }
}
