using System.Collections.Concurrent;

namespace Arbitrex.MlLayer.Worker.Bus.Delivery;

/// <summary>The handling tasks of the deliveries a consumer holds, so stopping can wait for them.</summary>
internal sealed class InFlightDeliveries
{
    private readonly ConcurrentDictionary<long, Task> _tasks = new();
    private long _sequence;

    public int Count => _tasks.Count;

    public void Track(Task handling)
    {
        var id = Interlocked.Increment(ref _sequence);
        _tasks[id] = handling;
        handling.ContinueWith(
            static (_, state) =>
            {
                var (tasks, key) = ((ConcurrentDictionary<long, Task>, long))state!;
                tasks.TryRemove(key, out var _);
            },
            (_tasks, id),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task WhenAllAsync(CancellationToken cancellationToken) => Task.WhenAll(_tasks.Values).WaitAsync(cancellationToken);
}
