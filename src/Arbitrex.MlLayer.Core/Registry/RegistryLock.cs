using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// Exclusive hold on a registry: a process-wide semaphore per root plus an OS lock on
/// <c>.registry.lock</c> (FileShare.None, an advisory flock on Linux) for other processes.
/// </summary>
internal sealed class RegistryLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);

    // Polly's timeout strategy takes no less; a wait that used up the time on the semaphore still tries the file once.
    private static readonly TimeSpan ShortestFileWait = TimeSpan.FromMilliseconds(10);
    private static readonly Dictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _file;

    private RegistryLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    /// <summary>
    /// Waits, without holding a thread, for the other writers of this process and then of other processes (the OS
    /// refuses the lock file while another holds it: retried every 20 ms), for <paramref name="timeout"/> in all.
    /// </summary>
    /// <exception cref="ModelRegistryBusyException">Another writer held the registry for the whole timeout.</exception>
    public static async Task<RegistryLock> AcquireAsync(string root, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var gate = GateFor(root);
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            throw Busy(root, timeout, inner: null);
        }

        try
        {
            var left = timeout - TimeProvider.System.GetElapsedTime(started);
            var file = await FileLockPipeline(left > ShortestFileWait ? left : ShortestFileWait)
                .ExecuteAsync(static (path, _) => ValueTask.FromResult(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)), Path.Combine(root, ".registry.lock"), cancellationToken)
                .ConfigureAwait(false);
            return new RegistryLock(gate, file);
        }
        catch (Exception e) when (e is TimeoutRejectedException or IOException)
        {
            gate.Release();
            throw Busy(root, timeout, e);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _gate.Release();
    }

    // Built per acquisition: the time left differs each time, and registry writes are rare.
    private static ResiliencePipeline FileLockPipeline(TimeSpan timeout) =>
        new ResiliencePipelineBuilder()
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(),
                BackoffType = DelayBackoffType.Constant,
                Delay = RetryDelay,
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();

    private static SemaphoreSlim GateFor(string root)
    {
        lock (Gates)
        {
            if (!Gates.TryGetValue(root, out var gate))
            {
                gate = new SemaphoreSlim(1, 1);
                Gates.Add(root, gate);
            }

            return gate;
        }
    }

    private static ModelRegistryBusyException Busy(string root, TimeSpan timeout, Exception? inner)
    {
        var message = $"The model registry at '{root}' stayed locked by another registration for {timeout.TotalSeconds:0.#} s; try again.";
        return inner is null ? new(message) : new(message, inner);
    }
}
