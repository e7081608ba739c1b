using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// The real worker executable (<c>dotnet Arbitrex.MlLayer.Worker.dll</c>, or the native build: <see cref="WorkerLauncher"/>) with the real engine, audit log and
/// monitor, on RabbitMQ; for kill, drain and scale-out tests. Output is kept for failure messages.
/// </summary>
internal sealed class BusWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BusWorkerProcess(Process process, string auditDirectory)
    {
        _process = process;
        AuditDirectory = auditDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string AuditDirectory { get; }

    public int Pid => _process.Id;

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

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<BusWorkerProcess> StartAsync(RabbitMqNode node, string auditDirectory, TimeSpan? joinWindow = null, string preferredShards = "")
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "Arbitrex.MlLayer.Worker", "bin", configuration, "net10.0", "Arbitrex.MlLayer.Worker.dll");
        var start = WorkerLauncher.StartInfo(dll, RepoPaths.Root);
        foreach (var arg in new[]
        {
            "--Bus:Transport=RabbitMq",
            "--Bus:RabbitMq:Uri=" + node.Uri,
            "--Bus:Join:Window=" + (joinWindow ?? TimeSpan.FromSeconds(30)).ToString("c", CultureInfo.InvariantCulture),
            "--Admin:Urls=http://127.0.0.1:0",
            "--Audit:Directory=" + auditDirectory,
            "--Registry:Root=" + Path.Combine(RepoPaths.Root, "models"),
            "--Bus:RabbitMq:PreferredShards=" + preferredShards,
            "--Bus:RabbitMq:StandbyDelay=00:00:10",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var worker = new BusWorkerProcess(Process.Start(start)!, auditDirectory);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!worker.Output.Contains("Consuming ", StringComparison.Ordinal))
        {
            if (worker.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("worker did not start:\n" + worker.Output);
            }

            await Task.Delay(100);
        }

        return worker;
    }

    /// <summary>Decisions this worker wrote to its audit log so far.</summary>
    public int AuditedDecisions
    {
        get
        {
            var file = Path.Combine(AuditDirectory, "predictions.jsonl");
            return File.Exists(file) ? File.ReadLines(file).Count() : 0;
        }
    }

    public void Kill() => Signal("KILL");

    public void Terminate() => Signal("TERM");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
