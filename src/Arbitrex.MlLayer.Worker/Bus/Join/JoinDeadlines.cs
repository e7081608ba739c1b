namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Ends each pending bar's join window on time: a priority queue of deadlines and one timer set to the earliest.
/// While <paramref name="hold"/> says so (the audit log takes no records) no window ends: a bar decided fail-closed
/// then would miss a partner held back by the same outage.
/// </summary>
internal sealed class JoinDeadlines : IDisposable
{
    private static readonly TimeSpan HoldRetry = TimeSpan.FromSeconds(1);

    /// <summary>Windows ending this close together are ended by one timer tick, not one tick each.</summary>
    private static readonly TimeSpan Granularity = TimeSpan.FromMilliseconds(50);

    private readonly PriorityQueue<PendingBar, DateTimeOffset> _queue = new();
    private readonly Lock _gate = new();
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Func<bool> _hold;
    private readonly ITimer _timer;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;

    public JoinDeadlines(TimeSpan window, TimeProvider time, Func<bool> hold)
    {
        _window = window;
        _time = time;
        _hold = hold;
        _timer = time.CreateTimer(static state => ((JoinDeadlines)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Schedule(PendingBar bar)
    {
        var due = bar.FirstSeen + _window;
        lock (_gate)
        {
            _queue.Enqueue(bar, due);
            Arm(due);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        var expired = new List<PendingBar>();
        lock (_gate)
        {
            _armedFor = DateTimeOffset.MaxValue;
            var now = _time.GetUtcNow();
            if (_hold())
            {
                Arm(now + HoldRetry);
                return;
            }

            while (_queue.TryPeek(out _, out var due) && due <= now)
            {
                expired.Add(_queue.Dequeue());
            }

            if (_queue.TryPeek(out _, out var next))
            {
                Arm(next < now + Granularity ? now + Granularity : next);
            }
        }

        foreach (var bar in expired)
        {
            lock (bar)
            {
                if (!bar.Removed)
                {
                    bar.Expire();
                }
            }
        }
    }

    /// <summary>Sets the timer to <paramref name="due"/> unless it fires earlier already. Called under the lock.</summary>
    private void Arm(DateTimeOffset due)
    {
        if (due >= _armedFor)
        {
            return;
        }

        _armedFor = due;
        var delay = due - _time.GetUtcNow();
        _timer.Change(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
