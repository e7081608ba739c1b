using System.Diagnostics;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// How a test starts the worker as its own process: <c>dotnet Arbitrex.MlLayer.Worker.dll</c> built beside the tests,
/// or, with <c>ARBITREX_WORKER_EXE</c> set, that native (ahead-of-time compiled) executable, so the process-level
/// tests can run again against the published native build.
/// </summary>
public static class WorkerLauncher
{
    public const string NativeExecutableVariable = "ARBITREX_WORKER_EXE";

    /// <summary>The native executable under test, or null for the dll.</summary>
    public static string? NativeExecutable => Environment.GetEnvironmentVariable(NativeExecutableVariable) is { Length: > 0 } path ? path : null;

    /// <summary>A start description for the worker with its output redirected; append the worker's arguments.</summary>
    public static ProcessStartInfo StartInfo(string workerDll, string workingDirectory)
    {
        var native = NativeExecutable;
        if (native is not null)
        {
            Assert.True(File.Exists(native), $"{NativeExecutableVariable}={native} does not exist: publish the worker natively first (test.sh does)");
        }
        else
        {
            Assert.True(File.Exists(workerDll), $"{workerDll} is missing: build the test project");
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet";
        var start = new ProcessStartInfo(native ?? host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (native is null)
        {
            start.ArgumentList.Add(workerDll);
        }

        return start;
    }
}
