namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// Exclusive hold on a registry: a process-wide semaphore per root plus an OS lock on
/// <c>.registry.lock</c> (FileShare.None, an advisory flock on Linux) for other processes.
/// </summary>
internal sealed class RegistryLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);
    private static readonly Dictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly FileStream _file;

    private RegistryLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    public static RegistryLock Acquire(string root, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var gate = GateFor(root);
        if (!gate.Wait(timeout))
        {
            throw Busy(root, timeout);
        }

        try
        {
            var path = Path.Combine(root, ".registry.lock");
            while (true)
            {
                try
                {
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new RegistryLock(gate, file);
                }
                catch (IOException) when (Environment.TickCount64 < deadline)
                {
                    Thread.Sleep(RetryDelay);
                }
                catch (IOException e)
                {
                    throw new ModelRegistryBusyException(Busy(root, timeout).Message, e);
                }
            }
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

    private static ModelRegistryBusyException Busy(string root, TimeSpan timeout) =>
        new($"The model registry at '{root}' stayed locked by another registration for {timeout.TotalSeconds:0.#} s; try again.");
}
