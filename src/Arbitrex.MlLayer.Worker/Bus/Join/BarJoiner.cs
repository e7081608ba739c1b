using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Decisions;
using Microsoft.Extensions.Options;
using Arbitrex.MlLayer.Worker.Telemetry;
using Polly.Registry;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Joins the two halves of each bar and decides it once. <see cref="OfferAsync"/> completes only when the bar's
/// decision has been audited and then published (broker-confirmed), so a transport acknowledges a delivery after it
/// returns and loses nothing when the process dies earlier: the unacknowledged halves come back. The parts:
/// <see cref="PendingBars"/> pairs halves, <see cref="JoinDeadlines"/> ends join windows, <see cref="RecentDecisions"/>
/// spots bars already decided, <see cref="PartnerRefusals"/> tells a bar its partner was refused, and
/// <see cref="DecisionCommitter"/> audits and publishes, and tells every <see cref="IAuditedDecisionObserver"/>.
/// </summary>
public sealed partial class BarJoiner : IDisposable
{
    private readonly PendingBars _pending;
    private readonly JoinDeadlines _deadlines;
    private readonly PartnerRefusals _refusals;
    private readonly RecentDecisions _recent;
    private readonly DecisionCommitter _committer;
    private readonly IInferenceEngine _engine;
    private readonly IPredictionMonitor _monitor;
    private readonly AuditedDecisionObservers _observers;
    private readonly ILogger<BarJoiner> _logger;
    private readonly TimeSpan _window;

    public BarJoiner(
        IInferenceEngine engine,
        IDecisionPublisher publisher,
        IAuditLog audit,
        IPredictionMonitor monitor,
        RecentDecisions recent,
        AuditHealth auditHealth,
        ResiliencePipelineProvider<string> pipelines,
        IOptions<BusOptions> options,
        TimeProvider time,
        ILogger<BarJoiner> logger,
        IEnumerable<IAuditedDecisionObserver> observers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(auditHealth);
        _engine = engine;
        _monitor = monitor;
        _observers = new AuditedDecisionObservers(observers, logger);
        _logger = logger;
        _recent = recent;
        _window = options.Value.Join.Window;
        _pending = new PendingBars(time);
        _deadlines = new JoinDeadlines(_window, time, () => !auditHealth.IsHealthy);
        _refusals = new PartnerRefusals(options.Value.Join.RecentDecisionCapacity);
        _committer = new DecisionCommitter(publisher, audit, monitor, recent, auditHealth, pipelines.GetPipeline(BusResilience.PipelineName), _observers);
    }

    /// <summary>Bars with a half waiting for its partner.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Audited-decision observer calls that threw since start (each logged as event 4103).</summary>
    public long ObserverFailures => _observers.Failures;

    /// <summary>
    /// Offers one half and waits until its bar is settled. <paramref name="stopWaiting"/> aborts the wait for a missing
    /// partner (the delivery should then be requeued) and an audit that keeps failing; a decision already audited is
    /// always published, and its bar's waiting halves settled with it. <paramref name="voided"/> (the delivery's channel
    /// was lost, so it can no longer be settled and comes again) ends the wait even while another delivery decides the
    /// bar; a bar that only void deliveries held is forgotten with them, so the redeliveries join afresh.
    /// </summary>
    /// <exception cref="BarRejectedException">The engine refused the bar's input.</exception>
    /// <exception cref="Inbound.PoisonMessageException">A copy of a half the bar holds with other content.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopWaiting"/> fired while the partner was missing (or while the bar's decider gave up), or <paramref name="voided"/> fired.</exception>
    public async Task<BarSettlement> OfferAsync(InboundHalf half, CancellationToken stopWaiting, CancellationToken voided = default)
    {
        ArgumentNullException.ThrowIfNull(half);
        if (_recent.TryGet(half.Key, out var decided))
        {
            return await AlreadyDecidedAsync(half.Key, decided).ConfigureAwait(false);
        }

        var (bar, decide) = _pending.Hold(half, HoldLocked);
        try
        {
            if (_recent.TryGet(half.Key, out decided))
            {
                return await AlreadyDecidedAsync(half.Key, decided).ConfigureAwait(false);
            }

            return decide ? await DecideAsync(bar, stopWaiting).ConfigureAwait(false) : await WaitAsync(bar, stopWaiting, voided).ConfigureAwait(false);
        }
        finally
        {
            _pending.Release(bar);
        }
    }

    /// <summary>
    /// Tells the joiner that the reader refused the <paramref name="kind"/> half of <paramref name="key"/> (it went
    /// to the error queue). Its partner, waiting or still to come, is then decided fail-closed at once, naming the
    /// refusal, instead of after the join window as "not received".
    /// </summary>
    public void Refuse(BarKey key, HalfKind kind, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        _refusals.Refuse(key, new RefusedHalf(kind, reason), _pending);
    }

    public void Dispose() => _deadlines.Dispose();

    private void HoldLocked(PendingBar bar)
    {
        _refusals.TellArriving(bar);
        if (!bar.Scheduled)
        {
            bar.Scheduled = true;
            _deadlines.Schedule(bar);
        }
    }

    private async Task<BarSettlement> AlreadyDecidedAsync(BarKey key, RecentDecision decided)
    {
        await _committer.PublishAsync(key, decided).ConfigureAwait(false);
        return new BarSettlement(BarSettlementKind.AlreadyDecided, decided.DecisionId);
    }

    /// <summary>
    /// Waits for the bar to be settled by another delivery, or for a reason to settle it here: the window ended, the
    /// partner was refused, or the decider gave up. On stop, a half whose bar another delivery is deciding stays until
    /// that decision settles it: requeued, it would reach another worker that never sees its partner and publishes a
    /// spurious fail-closed decision under the same decision_id. Otherwise it is released to be requeued.
    /// </summary>
    private async Task<BarSettlement> WaitAsync(PendingBar bar, CancellationToken stopWaiting, CancellationToken voided)
    {
        await using var wake = stopWaiting.Register(static state => ((PendingBar)state!).Notify(), bar).ConfigureAwait(false);
        await using var wakeVoided = voided.Register(static state => ((PendingBar)state!).Notify(), bar).ConfigureAwait(false);
        while (true)
        {
            Task changed;
            var claimed = false;
            var complete = false;
            lock (bar)
            {
                changed = bar.Changed;
                if (!bar.Settled.Task.IsCompleted)
                {
                    // A void delivery's settlement would be lost anyway: it leaves even while another delivery decides.
                    voided.ThrowIfCancellationRequested();
                    if (stopWaiting.IsCancellationRequested)
                    {
                        if (!bar.Deciding)
                        {
                            stopWaiting.ThrowIfCancellationRequested();
                        }
                    }
                    else if ((bar.Expired || bar.Refusal is not null || bar.IsComplete) && bar.TryClaim())
                    {
                        claimed = true;
                        complete = bar.IsComplete;
                    }
                }
            }

            if (bar.Settled.Task.IsCompleted)
            {
                return await bar.Settled.Task.ConfigureAwait(false);
            }

            if (claimed)
            {
                // Audited by an earlier attempt whose publish failed: that is the bar's decision, published, not made again.
                if (_recent.TryGet(bar.Key, out var audited))
                {
                    var kind = complete ? BarSettlementKind.Decided : BarSettlementKind.FailedClosed;
                    return await SettleAsync(bar, kind, audited.DecisionId, _committer.PublishAsync(bar.Key, audited)).ConfigureAwait(false);
                }

                return complete ? await DecideAsync(bar, stopWaiting).ConfigureAwait(false) : await FailCloseAsync(bar, stopWaiting).ConfigureAwait(false);
            }

            await changed.ConfigureAwait(false);
        }
    }

    private async Task<BarSettlement> DecideAsync(PendingBar bar, CancellationToken stopWaiting)
    {
        MlDecision decision;
        try
        {
            using var span = BusActivities.StartDecide(bar.Key.Symbol, bar.Key.Timeframe, bar.Key.BarTime);
            decision = _engine.Predict(bar.Key.Symbol, bar.Key.Timeframe, bar.Key.BarTime, bar.Features!.Features, bar.Qse!);
            span?.SetTag("arbitrex.decision_id", decision.DecisionId).SetTag("arbitrex.allow_trade", decision.AllowTrade);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Reject(bar, ex);
        }

        return await CommitAsync(bar, decision, BarSettlementKind.Decided, null, stopWaiting).ConfigureAwait(false);
    }

    private async Task<BarSettlement> FailCloseAsync(PendingBar bar, CancellationToken stopWaiting)
    {
        var missing = bar.Features is null ? HalfKindNames.FeatureSnapshot : HalfKindNames.QseOutput;
        var refusal = bar.Refusal;
        var reason = refusal is null
            ? string.Create(CultureInfo.InvariantCulture, $"Join timeout: {missing} not received within {_window.TotalSeconds:0.###} s")
            : $"Partner refused: {missing} went to the error queue ({refusal.Reason})";
        MlDecision decision;
        try
        {
            decision = _engine.FailClosed(bar.Key.Symbol, bar.Key.Timeframe, bar.Key.BarTime, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A key the engine refuses can never be decided; left unhandled, the half would be requeued forever.
            throw Reject(bar, ex);
        }

        // A refused partner is not a join timeout: it arrived, and the error queue holds it with its reason.
        return await CommitAsync(bar, decision, BarSettlementKind.FailedClosed, refusal is null ? missing : null, stopWaiting).ConfigureAwait(false);
    }

    private Task<BarSettlement> CommitAsync(PendingBar bar, MlDecision decision, BarSettlementKind kind, string? missingHalf, CancellationToken stopWaiting) =>
        SettleAsync(bar, kind, decision.DecisionId, _committer.CommitAsync(bar.Key, decision, bar.Features, bar.Qse, missingHalf is null ? null : () => CountJoinTimeout(bar.Key, missingHalf, decision.DecisionId), stopWaiting));

    /// <summary>Settles the bar as <paramref name="decisionId"/> once <paramref name="committed"/> completes; releases the claim if it fails.</summary>
    private async Task<BarSettlement> SettleAsync(PendingBar bar, BarSettlementKind kind, string decisionId, Task committed)
    {
        try
        {
            await committed.ConfigureAwait(false);
        }
        catch
        {
            lock (bar)
            {
                bar.ReleaseClaim();
            }

            throw;
        }

        var settlement = new BarSettlement(kind, decisionId);
        _pending.Remove(bar);
        bar.Settled.TrySetResult(settlement);
        bar.Notify();
        return settlement;
    }

    private void CountJoinTimeout(BarKey key, string missingHalf, string decisionId)
    {
        _monitor.RecordJoinTimeout(missingHalf);
        Log.JoinTimeout(_logger, key.ToString(), missingHalf, decisionId);
    }

    /// <summary>Settles the bar's other deliveries with the engine's refusal and returns the exception for this one.</summary>
    private BarRejectedException Reject(PendingBar bar, Exception exception)
    {
        var reason = exception is InvalidInputException invalid && invalid.Field.Length > 0
            ? $"invalid input {invalid.Field}: {invalid.Message}"
            : $"invalid input: {exception.Message}";
        _pending.Remove(bar);
        bar.Settled.TrySetException(new BarRejectedException($"rejected together with its partner: {reason}", exception));
        _ = bar.Settled.Task.Exception;
        bar.Notify();
        return new BarRejectedException(reason, exception);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Join timeout for bar {BarKey}: {MissingHalf} missing, decided fail-closed as {DecisionId}")]
        public static partial void JoinTimeout(ILogger logger, string barKey, string missingHalf, string decisionId);
    }
}
