using Xunit;
using System.Diagnostics;

namespace Arbitrex.MlLayer.Testing;

/// <summary>Runs Debian's <c>/usr/bin/promtool</c> (package <c>prometheus</c>); a missing binary fails the test.</summary>
public static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    /// <summary>
    /// The one lint finding the seed forces on us: its Grafana queries use <c>ml_layer_processing_time_ms</c>,
    /// and promtool's linter dislikes the abbreviated unit. Every other metric follows the conventions.
    /// </summary>
    public const string SeedNameLint = "ml_layer_processing_time_ms metric names should not contain abbreviated units";

    public static async Task<(int ExitCode, IReadOnlyList<string> Problems)> CheckMetricsAsync(string exposition)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: apt-get install prometheus");
        var start = new ProcessStartInfo(Path, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        var lines = ((await stdout) + "\n" + (await stderr))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, lines);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: apt-get install prometheus");
        var start = new ProcessStartInfo(Path, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Asserts the exposition parses and has no lint problem except <see cref="SeedNameLint"/>.</summary>
    public static async Task AssertValidAsync(string exposition)
    {
        var (exitCode, problems) = await CheckMetricsAsync(exposition);
        Assert.True(exitCode is 0 or 3, $"promtool exit {exitCode} (1 = parse error): {string.Join(" | ", problems)}");
        Assert.All(problems, p => Assert.Equal(SeedNameLint, p));
    }
}
