using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Decisions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Registers the monitor (metrics, alerts, history, scheduled export), the host's Prometheus registry
/// (the monitor's families plus process and .NET runtime metrics; HTTP request metrics join it in the
/// admin pipeline) and the audit log writer.
/// </summary>
public static class ObservabilityHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName).ValidateOnStartWith(new MonitoringOptionsAnnotationsValidator());
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStartWith(new AuditOptionsValidator());

        services.AddMetrics();
        services.AddSingleton(_ =>
        {
            // The host's own registry, not prometheus-net's static default, so hosts in one process (tests) do not share series.
            var registry = Metrics.NewCustomRegistry();
            DotNetStats.Register(registry);
            return registry;
        });
        services.AddHostedService<RuntimeMetricsExporter>();
        services.AddMlLayerLiveQuality();
        services.AddSingleton(sp =>
        {
            // History size lives in the runtime config document (monitoring.history_size).
            var options = sp.GetRequiredService<IOptions<MonitoringOptions>>().Value;
            options.HistorySize = sp.GetRequiredService<InferenceEngine>().Config.Monitoring.HistorySize;
            var monitor = new MlMonitor(Options.Create(options), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MlMonitor>>(), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<CollectorRegistry>(), sp.GetRequiredService<Core.Monitoring.Quality.LiveQualityTracker>());
            if (sp.GetService<Core.Monitoring.Drift.DriftMonitor>() is { } drift)
            {
                monitor.AttachDrift(drift);
            }

            return monitor;
        });
        services.AddSingleton<IPredictionMonitor>(sp => sp.GetRequiredService<MlMonitor>());
        builder.AddMlLayerDrift();
        services.AddSingleton<PeriodicMetricsExporter>();
        services.AddHostedService<MonitoringService>();

        services.AddSingleton<AuditLogWriter>();
        services.AddSingleton<IAuditLog, GovernedAuditLog>();
        services.AddSingleton<IStatusContributor, AuditStatus>();
        return builder;
    }
}
