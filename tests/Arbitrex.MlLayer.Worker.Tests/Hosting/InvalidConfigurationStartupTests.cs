using System.Diagnostics;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

/// <summary>The worker process itself refuses invalid options: exit code, stderr lines, no stack trace.</summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class InvalidConfigurationStartupTests
{
    [Fact]
    public async Task The_worker_with_invalid_options_exits_78_naming_each_option_on_stderr_without_a_stack_trace()
    {
        using var state = new TempDirectory();
        var start = WorkerLauncher.StartInfo(WorkerProcess.WorkerPath, AppContext.BaseDirectory);
        foreach (var argument in new[]
        {
            "--Bus:Transport=InMemory",
            "--Admin:Urls=http://127.0.0.1:0",
            "--Admin:BatchPredictMaxRows=0",
            "--Monitoring:LatencyWindowSize=0",
            "--Monitoring:LiveQuality:WindowOutcomes=0",
            $"--Logging:Directory={Path.Combine(state.Path, "logs")}",
            $"--Audit:Directory={Path.Combine(state.Path, "audit")}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.True(process.ExitCode == InvalidConfiguration.ExitCode, $"exit {process.ExitCode}\n{await stdout}\n{string.Join('\n', errors)}");
        Assert.Contains(errors, l => l.Contains("Admin:BatchPredictMaxRows must be between 1 and 100000.", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("LatencyWindowSize", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Monitoring:LiveQuality:WindowOutcomes must be between 1 and 1,000,000.", StringComparison.Ordinal));
        Assert.All(errors, l => Assert.StartsWith("Invalid configuration: ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal);
    }
}
