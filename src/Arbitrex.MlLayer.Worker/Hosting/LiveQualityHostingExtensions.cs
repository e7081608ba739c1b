using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Registry;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Registers the live quality tracker (section <c>Monitoring:LiveQuality</c>, validated at start-up) as the
/// <see cref="IOutcomeSink"/> the outcome path records into; the monitor shows and alerts on its figures.
/// </summary>
public static class LiveQualityHostingExtensions
{
    public static IServiceCollection AddMlLayerLiveQuality(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LiveQualityOptions>().BindConfiguration(LiveQualityOptions.SectionName).ValidateOnStartWith(new LiveQualityOptionsValidator());
        services.AddSingleton<IValidationBriers>(sp => new RegistryValidationBriers(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LiveQualityTracker(
            sp.GetRequiredService<IOptions<LiveQualityOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IValidationBriers>()));
        services.AddSingleton<IOutcomeSink>(sp => sp.GetRequiredService<LiveQualityTracker>());
        return services;
    }
}
