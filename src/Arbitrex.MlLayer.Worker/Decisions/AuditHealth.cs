namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// Whether the audit log takes records, as the bar path last found it. While a write fails the worker is not ready,
/// takes no new delivery and decides no bar by timeout; the first write that succeeds again ends that by itself.
/// Logged once per change of state. Failures of HTTP (ad-hoc) records count too: the audit folder is one.
/// </summary>
public sealed partial class AuditHealth(TimeProvider time, ILogger<AuditHealth> logger)
{
    /// <summary>
    /// While only HTTP records have failed, no bus bar is retrying a write that would end the outage when the disk
    /// recovers: one held delivery is let through this often to try.
    /// </summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private bool _busFailing;
    private DateTimeOffset _nextProbe;
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

    /// <summary>A write failed; <paramref name="bus"/> false for an HTTP (ad-hoc) record.</summary>
    public void ReportFailure(Exception exception, bool bus = true)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Interlocked.Increment(ref _failures);
        lock (_gate)
        {
            _lastError = exception.Message;
            _busFailing |= bus;
            if (!_healthy.Task.IsCompleted)
            {
                return;
            }

            _failingSince = time.GetUtcNow();
            _nextProbe = _failingSince.Value + ProbeInterval;
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
            _busFailing = false;
        }

        released.TrySetResult();
        var outage = time.GetUtcNow() - since;
        Log.AuditRecovered(logger, outage.TotalSeconds);
    }

    /// <summary>
    /// Completes at once while healthy, else when a write succeeds again. While only HTTP records have failed, one
    /// caller per <see cref="ProbeInterval"/> is let through to try a write of its own.
    /// </summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var healthy = _healthy.Task;
            if (healthy.IsCompleted || TryTakeProbe())
            {
                return;
            }

            using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var probe = Task.Delay(ProbeInterval, time, poll.Token);
            await Task.WhenAny(healthy, probe).WaitAsync(cancellationToken).ConfigureAwait(false);
            await poll.CancelAsync().ConfigureAwait(false);
        }
    }

    private bool TryTakeProbe()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_healthy.Task.IsCompleted || _busFailing || now < _nextProbe)
            {
                return false;
            }

            _nextProbe = now + ProbeInterval;
            return true;
        }
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
