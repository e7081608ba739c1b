using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Registers the drift check of live inputs (options validated at start-up): the window every bus decision feeds,
/// the active signal filter's baseline from the registry, and the drift families on the host's Prometheus registry.
/// The monitor attaches it (see <see cref="ObservabilityHostingExtensions"/>) for the snapshot and the drift alert.
/// </summary>
public static class DriftHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerDrift(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DriftOptions>().BindConfiguration(DriftOptions.SectionName).ValidateOnStartWith(new DriftOptionsValidator());
        services.AddSingleton<IDriftBaselineSource, RegistryDriftBaselines>();
        services.AddSingleton(sp => new DriftMonitor(
            sp.GetRequiredService<IOptions<DriftOptions>>(),
            sp.GetRequiredService<IDriftBaselineSource>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<ILiveFeatureSink>(sp => sp.GetRequiredService<DriftMonitor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditedDecisionObserver, DriftWindowObserver>());
        return builder;
    }
}
