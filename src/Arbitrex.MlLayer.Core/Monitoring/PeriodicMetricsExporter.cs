using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Writes a <c>ml_metrics_&lt;timestamp&gt;.json</c> snapshot every <see cref="MonitoringOptions.ExportInterval"/>.
/// Host-agnostic: a hosted service calls <see cref="RunAsync"/> with its stopping token. A failed
/// export is logged and retried at the next tick; it never stops the loop.
/// </summary>
public sealed class PeriodicMetricsExporter
{
    private readonly MlMonitor _monitor;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public PeriodicMetricsExporter(MlMonitor monitor, IOptions<MonitoringOptions> options, TimeProvider? timeProvider = null, ILogger<PeriodicMetricsExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(options);
        _monitor = monitor;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Exports on every tick until <paramref name="cancellationToken"/> is cancelled; returns at once when the interval is zero.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_options.ExportInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ExportInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await ExportOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal way out of the loop.
        }
    }

    /// <summary>One export; returns the file written, or null when it failed (the failure is logged).</summary>
    public async Task<string?> ExportOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _monitor.ExportSnapshotAsync(_options.ExportDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.SnapshotExportFailed(_logger, exception, _options.ExportDirectory);
            return null;
        }
    }
}
