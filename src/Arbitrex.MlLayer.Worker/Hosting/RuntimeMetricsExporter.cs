using Prometheus;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Publishes the .NET runtime's own meter (<c>System.Runtime</c>: GC, heap, JIT, thread pool, exceptions)
/// into the host's Prometheus registry while the host runs.
/// </summary>
internal sealed class RuntimeMetricsExporter(CollectorRegistry registry) : IHostedService, IDisposable
{
    public const string RuntimeMeterName = "System.Runtime";

    private IDisposable? _adapter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            MetricFactory = Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = IsExported,
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// The runtime meter's instruments except the <c>*.count</c> gauges (assemblies, timers, thread-pool threads, CPUs):
    /// exported as-is they would be gauges ending in <c>_count</c>, which Prometheus reserves for summaries and histograms.
    /// </summary>
    internal static bool IsExported(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Meter.Name == RuntimeMeterName && !instrument.Name.EndsWith(".count", StringComparison.Ordinal);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _adapter?.Dispose();
        _adapter = null;
    }
}
