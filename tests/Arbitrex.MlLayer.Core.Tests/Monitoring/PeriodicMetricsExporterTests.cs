using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed class PeriodicMetricsExporterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mlexp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_snapshot_is_written_on_every_tick_until_stopped()
    {
        var time = new FakeTimeProvider(TestDecisions.Start);
        var options = Options.Create(new MonitoringOptions { ExportDirectory = _directory, ExportInterval = TimeSpan.FromMinutes(5) });
        using var monitor = new MlMonitor(options, time);
        monitor.Record(TestDecisions.Make());
        var exporter = new PeriodicMetricsExporter(monitor, options, time);
        using var stop = new CancellationTokenSource();

        var run = exporter.RunAsync(stop.Token);
        time.Advance(TimeSpan.FromMinutes(5));
        await WaitForFilesAsync(1);
        time.Advance(TimeSpan.FromMinutes(5));
        await WaitForFilesAsync(2);
        await stop.CancelAsync();
        await run;

        Assert.Equal(
            ["ml_metrics_20251222T120500000Z.json", "ml_metrics_20251222T121000000Z.json"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_zero_interval_turns_the_schedule_off()
    {
        var options = Options.Create(new MonitoringOptions { ExportDirectory = _directory, ExportInterval = TimeSpan.Zero });
        using var monitor = new MlMonitor(options);

        await new PeriodicMetricsExporter(monitor, options).RunAsync(CancellationToken.None);

        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public async Task A_failed_export_is_reported_as_null_and_does_not_throw()
    {
        Directory.CreateDirectory(_directory);
        var blocker = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var options = Options.Create(new MonitoringOptions { ExportDirectory = blocker });
        using var monitor = new MlMonitor(options);

        Assert.Null(await new PeriodicMetricsExporter(monitor, options).ExportOnceAsync());
    }

    private async Task WaitForFilesAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Directory.Exists(_directory) || Directory.GetFiles(_directory).Length < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
