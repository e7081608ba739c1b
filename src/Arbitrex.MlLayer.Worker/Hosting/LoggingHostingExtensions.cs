using Serilog;
using Serilog.Formatting.Json;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Application logs through Serilog: console, plus structured JSON lines in daily rolling files
/// (<c>Logging:Directory</c>, default <c>logs/</c>). The <c>Serilog</c> section can override levels and sinks.
/// </summary>
public static class LoggingHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = builder.Configuration["Logging:Directory"] ?? "logs";
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new JsonFormatter(renderMessage: true), Path.Combine(directory, "ml-layer-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, fileSizeLimitBytes: 100 * 1024 * 1024, rollOnFileSizeLimit: true)
            .ReadFrom.Configuration(builder.Configuration)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }
}
