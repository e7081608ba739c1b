using System.Diagnostics;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// Debian's <c>/usr/bin/chromium</c> in headless mode: loads a page, lets its scripts run for a
/// virtual-time budget (network fetches pause the virtual clock, so polling pages get their data),
/// then dumps the rendered DOM and saves a screenshot. A missing binary fails the test.
/// </summary>
public static class HeadlessChromium
{
    public const string BinaryPath = "/usr/bin/chromium";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ChromiumCapture> CaptureAsync(Uri url, string screenshotPath, TimeSpan virtualTimeBudget)
    {
        ArgumentNullException.ThrowIfNull(url);
        Assert.True(File.Exists(BinaryPath), $"{BinaryPath} is missing: apt-get install chromium");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshotPath))!);
        File.Delete(screenshotPath);
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--hide-scrollbars", $"--user-data-dir={profile.Path}", "--window-size=1280,900",
                     $"--virtual-time-budget={(int)virtualTimeBudget.TotalMilliseconds}",
                     $"--screenshot={Path.GetFullPath(screenshotPath)}", "--dump-dom", url.ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish {url} within {RunTimeout}");
        }

        var dom = await stdout;
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}:\n{await stderr}");
        Assert.True(File.Exists(screenshotPath), $"chromium wrote no screenshot:\n{await stderr}");
        return new ChromiumCapture(dom, screenshotPath);
    }
}
