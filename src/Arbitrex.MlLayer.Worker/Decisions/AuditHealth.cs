namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// Whether the audit log takes records, as the bar path last found it. While a write fails the worker is not ready,
/// takes no new delivery and decides no bar by timeout; the first write that succeeds again ends that by itself.
/// Logged once per change of state.
/// </summary>
public sealed partial class AuditHealth(TimeProvider time, ILogger<AuditHealth> logger)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _healthy = NewSignal(completed: true);
    private string? _lastError;
    private DateTimeOffset? _failingSince;
    private long _failures;

    /// <summary>The last audit write succeeded (or none failed yet).</summary>
    public bool IsHealthy => _healthy.Task.IsCompleted;

    /// <summary>The failure that made the audit unhealthy; null while healthy.</summary>
    public string? LastError => _lastError;

    /// <summary>When the current failure began; null while healthy.</summary>
    public DateTimeOffset? FailingSince => _failingSince;

    /// <summary>Audit writes that failed since start.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    public void ReportFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Interlocked.Increment(ref _failures);
        lock (_gate)
        {
            _lastError = exception.Message;
            if (!_healthy.Task.IsCompleted)
            {
                return;
            }

            _failingSince = time.GetUtcNow();
            _healthy = NewSignal(completed: false);
        }

        Log.AuditFailing(logger, exception, exception.Message);
    }

    public void ReportSuccess()
    {
        if (IsHealthy)
        {
            return;
        }

        TaskCompletionSource released;
        DateTimeOffset since;
        lock (_gate)
        {
            if (_healthy.Task.IsCompleted)
            {
                return;
            }

            released = _healthy;
            since = _failingSince ?? time.GetUtcNow();
            _lastError = null;
            _failingSince = null;
        }

        released.TrySetResult();
        var outage = time.GetUtcNow() - since;
        Log.AuditRecovered(logger, outage.TotalSeconds);
    }

    /// <summary>Completes at once while healthy, else when a write succeeds again.</summary>
    public Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var healthy = _healthy.Task;
        return healthy.IsCompleted ? Task.CompletedTask : healthy.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4601, Level = LogLevel.Error, Message = "Audit writes are failing ({Reason}): the worker is not ready, takes no new bar and publishes nothing until a write succeeds")]
        public static partial void AuditFailing(ILogger logger, Exception exception, string reason);

        [LoggerMessage(EventId = 4602, Level = LogLevel.Information, Message = "Audit writes succeed again after {Seconds:0.#} s; consuming resumes")]
        public static partial void AuditRecovered(ILogger logger, double seconds);
    }
}
