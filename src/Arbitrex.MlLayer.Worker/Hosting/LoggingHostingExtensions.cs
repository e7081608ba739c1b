using Serilog;
using Serilog.Formatting.Json;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Application logs through Serilog: console, plus structured JSON lines in daily rolling files
/// (<c>Logging:Directory</c>, default <c>logs/</c>). The <c>Serilog:MinimumLevel</c> keys override the levels
/// (<see cref="ConfiguredLogLevels"/>); the sinks are fixed.
/// </summary>
/// <remarks>
/// Both sinks write on one background thread: a log call on a hot path (the audit writer logs each rotation
/// while appenders wait behind it) only queues the event. A full queue blocks the caller instead of dropping
/// events; disposing the host drains it.
/// </remarks>
public static class LoggingHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = builder.Configuration["Logging:Directory"] ?? "logs";
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)

            // Polly's telemetry logs every execution attempt at Information (lines per bar on the bus path);
            // retries are logged by the worker itself.
            .MinimumLevel.Override("Polly", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Async(
                sinks =>
                {
                    sinks.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                    sinks.File(new JsonFormatter(renderMessage: true), Path.Combine(directory, "ml-layer-.log"),
                        rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, fileSizeLimitBytes: 100 * 1024 * 1024, rollOnFileSizeLimit: true);
                },
                blockWhenFull: true);
        var logger = ConfiguredLogLevels.Apply(configuration, builder.Configuration).CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }
}
