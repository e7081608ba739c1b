using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// The worker as operators run it: <c>dotnet Arbitrex.MlLayer.Worker.dll</c> (or the native build, see <see cref="WorkerLauncher"/>) in its own process,
/// admin port on a free loopback port, state folders (models copy, audit, logs, runtime config) in
/// a temp directory, settings on the command line. Started in <see cref="InitializeAsync"/> (so it
/// can be an xunit class fixture) or by <see cref="StartAsync"/>; waits for <c>/health</c>; killed
/// with its process tree on dispose.
/// </summary>
public sealed class WorkerProcess : IAsyncLifetime, IAsyncDisposable
{
    public const string WorkerAssembly = "Arbitrex.MlLayer.Worker.dll";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _state = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public WorkerProcess()
        : this(null)
    {
    }

    private WorkerProcess(IDictionary<string, string?>? settings)
    {
        Port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}/");
        var models = Path.Combine(StateDirectory, "models");
        CopyDirectory(RepoPaths.Models, models);
        _settings = new Dictionary<string, string?>
        {
            ["Admin:Urls"] = $"http://127.0.0.1:{Port}",
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Enabled"] = "false",
            ["Registry:Root"] = models,
            ["Registry:ImportPath"] = Path.Combine(StateDirectory, "incoming"),
            ["Audit:Directory"] = Path.Combine(StateDirectory, "audit"),
            ["Monitoring:ExportDirectory"] = Path.Combine(StateDirectory, "audit"),
            ["Admin:RuntimeConfigFile"] = Path.Combine(StateDirectory, "runtime_config.json"),
            ["Logging:Directory"] = Path.Combine(StateDirectory, "logs"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string StateDirectory => _state.Path;

    public string AuditFile => Path.Combine(StateDirectory, "audit", "predictions.jsonl");

    /// <summary>The worker dll next to the test assembly (the test project references the worker, so the build copies it with its runtimeconfig and deps).</summary>
    public static string WorkerPath => Path.Combine(AppContext.BaseDirectory, WorkerAssembly);

    /// <summary>What the worker printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process?.HasExited ?? false;

    public static async Task<WorkerProcess> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var worker = new WorkerProcess(settings);
        try
        {
            await worker.InitializeAsync();
            return worker;
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a worker expected to refuse to start: returns its exit code and output, or throws when it is still running after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IDictionary<string, string?> settings, TimeSpan timeout)
    {
        var worker = new WorkerProcess(settings);
        try
        {
            worker.Launch();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await worker._process!.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the worker was still running after {timeout}:\n{worker.Output}");
            }

            // The parameterless wait also waits for the redirected output to be read to its end.
            worker._process.WaitForExit();
            return (worker._process.ExitCode, worker.Output);
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        Launch();
        await WaitUntilHealthyAsync();
    }

    private void Launch()
    {
        var start = WorkerLauncher.StartInfo(WorkerPath, AppContext.BaseDirectory);
        foreach (var (key, value) in _settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Sends SIGTERM (what systemd and <c>docker stop</c> send) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("The worker was not started.");
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the worker did not stop within {timeout} after SIGTERM:\n{Output}");
        }

        return process.ExitCode;
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already reaped.
            }

            _process.Dispose();
        }

        _state.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the worker exited with code {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow first request on a busy machine; try again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the worker was not healthy within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(source))
        {
            CopyDirectory(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }
}
