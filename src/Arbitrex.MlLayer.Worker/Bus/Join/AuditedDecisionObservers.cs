namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Tells the registered <see cref="IAuditedDecisionObserver"/>s of an audited decision at their moment, in
/// registration order. An observer that throws is logged and counted; the decision and the other observers go on.
/// </summary>
internal sealed partial class AuditedDecisionObservers
{
    private readonly IAuditedDecisionObserver[] _beforePublish;
    private readonly IAuditedDecisionObserver[] _afterPublish;
    private readonly ILogger _logger;
    private long _failures;

    public AuditedDecisionObservers(IEnumerable<IAuditedDecisionObserver> observers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(observers);
        var all = observers.ToArray();
        _beforePublish = [.. all.Where(o => o.Moment == AuditedDecisionMoment.BeforePublish)];
        _afterPublish = [.. all.Where(o => o.Moment == AuditedDecisionMoment.AfterPublish)];
        _logger = logger;
    }

    /// <summary>Observer calls that threw since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void BeforePublish(AuditedDecision decision) => Notify(_beforePublish, decision);

    public void AfterPublish(AuditedDecision decision) => Notify(_afterPublish, decision);

    private void Notify(IAuditedDecisionObserver[] observers, AuditedDecision decision)
    {
        foreach (var observer in observers)
        {
            try
            {
                observer.Observe(decision);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The decision is audited and owed to its subscribers: a failing side concern must not hold it back.
                Interlocked.Increment(ref _failures);
                Log.ObserverFailed(_logger, observer.GetType().Name, decision.Decision.DecisionId, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4103, Level = LogLevel.Error, Message = "Audited-decision observer {Observer} failed on decision {DecisionId}; the decision is unaffected")]
        public static partial void ObserverFailed(ILogger logger, string observer, string decisionId, Exception exception);
    }
}
