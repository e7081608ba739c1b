using System.Collections.Concurrent;
using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Joins the two halves of each bar and decides it once. <see cref="OfferAsync"/> completes only when the
/// bar's decision has been published (broker-confirmed) and audited, so a transport acknowledges a delivery
/// after it returns and loses nothing when the process dies earlier: the unacknowledged halves come back.
/// </summary>
public sealed partial class BarJoiner
{
    private static readonly TimeSpan BusyDeciderPoll = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<BarKey, PendingBar> _pending = new();
    private readonly BoundedBarMap<RefusedHalf> _refusals;
    private readonly RecentDecisions _recent;
    private readonly IInferenceEngine _engine;
    private readonly IDecisionPublisher _publisher;
    private readonly IAuditLog _audit;
    private readonly IPredictionMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly ILogger<BarJoiner> _logger;
    private readonly JoinOptions _join;
    private readonly ResiliencePipeline _pipeline;

    public BarJoiner(
        IInferenceEngine engine,
        IDecisionPublisher publisher,
        IAuditLog audit,
        IPredictionMonitor monitor,
        RecentDecisions recent,
        ResiliencePipelineProvider<string> pipelines,
        IOptions<BusOptions> options,
        TimeProvider time,
        ILogger<BarJoiner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        _engine = engine;
        _publisher = publisher;
        _audit = audit;
        _monitor = monitor;
        _time = time;
        _logger = logger;
        _join = options.Value.Join;
        _pipeline = pipelines.GetPipeline(BusResilience.PipelineName);
        _recent = recent;
        _refusals = new BoundedBarMap<RefusedHalf>(_join.RecentDecisionCapacity);
    }

    /// <summary>Bars with a half waiting for its partner.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Offers one half and waits until its bar is settled.
    /// <paramref name="stopWaiting"/> aborts only the wait for a missing partner (the delivery should then be
    /// requeued); a decision already being made is always finished, and its bar's waiting halves settled with it.
    /// </summary>
    /// <exception cref="BarRejectedException">The engine refused the bar's input.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopWaiting"/> fired while the partner was missing (or while the bar's decider gave up).</exception>
    public async Task<BarSettlement> OfferAsync(InboundHalf half, CancellationToken stopWaiting)
    {
        ArgumentNullException.ThrowIfNull(half);
        if (_recent.TryGet(half.Key, out var earlier))
        {
            return new BarSettlement(BarSettlementKind.AlreadyDecided, earlier);
        }

        var (bar, decide) = Hold(half);
        try
        {
            if (_recent.TryGet(half.Key, out earlier))
            {
                return new BarSettlement(BarSettlementKind.AlreadyDecided, earlier);
            }

            return decide ? await DecideAsync(bar).ConfigureAwait(false) : await WaitAsync(bar, stopWaiting).ConfigureAwait(false);
        }
        finally
        {
            Release(bar);
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
        var refusal = new RefusedHalf(kind, reason);
        _refusals.Add(key, refusal);
        if (_pending.TryGetValue(key, out var bar))
        {
            lock (bar)
            {
                bar.Refuse(refusal);
            }
        }
    }

    private (PendingBar Bar, bool Decide) Hold(InboundHalf half)
    {
        while (true)
        {
            var bar = _pending.GetOrAdd(half.Key, static (key, now) => new PendingBar(key, now), _time.GetUtcNow());
            lock (bar)
            {
                if (bar.Removed)
                {
                    continue;
                }

                bar.Add(half);
                if (_refusals.TryGet(half.Key, out var refusal))
                {
                    bar.Refuse(refusal);
                }

                bar.Holders++;
                var decide = bar.IsComplete && !bar.Deciding;
                if (decide)
                {
                    bar.Deciding = true;
                }

                return (bar, decide);
            }
        }
    }

    private void Release(PendingBar bar)
    {
        lock (bar)
        {
            bar.Holders--;
            if (bar.Holders > 0 || bar.Removed)
            {
                return;
            }

            // Nobody holds a delivery of this bar any more; the halves come back with their redeliveries.
            bar.Removed = true;
        }

        _pending.TryRemove(new KeyValuePair<BarKey, PendingBar>(bar.Key, bar));
    }

    private async Task<BarSettlement> WaitAsync(PendingBar bar, CancellationToken stopWaiting)
    {
        while (true)
        {
            var remaining = bar.Refused.Task.IsCompleted ? TimeSpan.Zero : bar.FirstSeen + _join.Window - _time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await WaitForSettlementAsync(bar, remaining, stopWaiting, bar.Refused.Task).ConfigureAwait(false);
            }

            if (bar.Settled.Task.IsCompleted)
            {
                return await bar.Settled.Task.ConfigureAwait(false);
            }

            if (stopWaiting.IsCancellationRequested)
            {
                return await WaitForDeciderAsync(bar, stopWaiting).ConfigureAwait(false);
            }

            if (!bar.Refused.Task.IsCompleted && _time.GetUtcNow() < bar.FirstSeen + _join.Window)
            {
                continue;
            }

            var claimed = false;
            var complete = false;
            lock (bar)
            {
                if (!bar.Deciding)
                {
                    bar.Deciding = true;
                    claimed = true;
                    complete = bar.IsComplete;
                }
            }

            if (claimed)
            {
                return complete ? await DecideAsync(bar).ConfigureAwait(false) : await FailCloseAsync(bar).ConfigureAwait(false);
            }

            // Another delivery is deciding (or retrying a publish); check back shortly.
            await WaitForSettlementAsync(bar, BusyDeciderPoll, stopWaiting).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On stop, a half whose bar another delivery is deciding stays until that decision settles it. Requeued, it
    /// would reach another worker that never sees its partner and publishes a spurious fail-closed decision
    /// with the same decision_id. A half still missing its partner, or whose decider gave up (and requeued its
    /// own half), is requeued: both halves then come back together.
    /// </summary>
    private async Task<BarSettlement> WaitForDeciderAsync(PendingBar bar, CancellationToken stopWaiting)
    {
        while (true)
        {
            if (bar.Settled.Task.IsCompleted)
            {
                return await bar.Settled.Task.ConfigureAwait(false);
            }

            lock (bar)
            {
                if (!bar.Deciding)
                {
                    stopWaiting.ThrowIfCancellationRequested();
                }
            }

            await WaitForSettlementAsync(bar, BusyDeciderPoll, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the bar is settled, <paramref name="timeout"/> passed, or <paramref name="wake"/> completed.</summary>
    private async Task WaitForSettlementAsync(PendingBar bar, TimeSpan timeout, CancellationToken stopWaiting, Task? wake = null)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(stopWaiting);
        var delay = Task.Delay(timeout, _time, stopDelay.Token);
        await (wake is null ? Task.WhenAny(bar.Settled.Task, delay) : Task.WhenAny(bar.Settled.Task, delay, wake)).ConfigureAwait(false);
        await stopDelay.CancelAsync().ConfigureAwait(false);
    }

    private async Task<BarSettlement> DecideAsync(PendingBar bar)
    {
        MlDecision decision;
        try
        {
            decision = bar.PublishedDecision ?? _engine.Predict(bar.Key.Symbol, bar.Key.Timeframe, bar.Key.BarTime, bar.Features!.Features, bar.Qse!);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Reject(bar, ex);
        }

        return await CommitAsync(bar, decision, BarSettlementKind.Decided, null).ConfigureAwait(false);
    }

    private async Task<BarSettlement> FailCloseAsync(PendingBar bar)
    {
        var missing = bar.Features is null ? HalfKindNames.FeatureSnapshot : HalfKindNames.QseOutput;
        var refusal = bar.Refusal;
        var reason = refusal is null
            ? string.Create(CultureInfo.InvariantCulture, $"Join timeout: {missing} not received within {_join.Window.TotalSeconds:0.###} s")
            : $"Partner refused: {missing} went to the error queue ({refusal.Reason})";
        MlDecision decision;
        try
        {
            decision = bar.PublishedDecision ?? _engine.FailClosed(bar.Key.Symbol, bar.Key.Timeframe, bar.Key.BarTime, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A key the engine refuses can never be decided; left unhandled, the half would be requeued forever.
            throw Reject(bar, ex);
        }

        // A refused partner is not a join timeout: it arrived, and the error queue holds it with its reason.
        return await CommitAsync(bar, decision, BarSettlementKind.FailedClosed, refusal is null ? missing : null).ConfigureAwait(false);
    }

    private async Task<BarSettlement> CommitAsync(PendingBar bar, MlDecision decision, BarSettlementKind kind, string? missingHalf)
    {
        try
        {
            if (bar.PublishedDecision is null)
            {
                await RetryAsync(ct => _publisher.PublishAsync(decision, ct), "publish", bar.Key).ConfigureAwait(false);
                bar.PublishedDecision = decision;
            }

            await RetryAsync(ct => _audit.AppendAsync(decision, bar.Features?.Features, bar.Qse, DecisionSource.Bus, ct).AsTask(), "audit", bar.Key).ConfigureAwait(false);
        }
        catch
        {
            lock (bar)
            {
                bar.Deciding = false;
            }

            throw;
        }

        if (missingHalf is not null)
        {
            _monitor.RecordJoinTimeout(missingHalf);
            Log.JoinTimeout(_logger, bar.Key.ToString(), missingHalf, decision.DecisionId);
        }

        _monitor.Record(decision);
        _recent.Add(bar.Key, decision.DecisionId);
        var settlement = new BarSettlement(kind, decision.DecisionId);
        lock (bar)
        {
            bar.Removed = true;
        }

        _pending.TryRemove(new KeyValuePair<BarKey, PendingBar>(bar.Key, bar));
        bar.Settled.TrySetResult(settlement);
        return settlement;
    }

    /// <summary>Settles the bar's other deliveries with the engine's refusal and returns the exception for this one.</summary>
    private BarRejectedException Reject(PendingBar bar, Exception exception)
    {
        var reason = exception is InvalidInputException invalid && invalid.Field.Length > 0
            ? $"invalid input {invalid.Field}: {invalid.Message}"
            : $"invalid input: {exception.Message}";
        lock (bar)
        {
            bar.Removed = true;
        }

        _pending.TryRemove(new KeyValuePair<BarKey, PendingBar>(bar.Key, bar));
        bar.Settled.TrySetException(new BarRejectedException($"rejected together with its partner: {reason}", exception));
        _ = bar.Settled.Task.Exception;
        return new BarRejectedException(reason, exception);
    }

    private Task RetryAsync(Func<CancellationToken, Task> action, string what, BarKey key)
    {
        var context = ResilienceContextPool.Shared.Get(what + " " + key.ToString(), CancellationToken.None);
        return Run();

        async Task Run()
        {
            try
            {
                await _pipeline.ExecuteAsync(static async (_, action) => await action(CancellationToken.None).ConfigureAwait(false), context, action).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Join timeout for bar {BarKey}: {MissingHalf} missing, decided fail-closed as {DecisionId}")]
        public static partial void JoinTimeout(ILogger logger, string barKey, string missingHalf, string decisionId);
    }
}
