using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>Wires the shadow path: the queue the bar joiner feeds (through <see cref="ShadowHandoffObserver"/>), the service that decides, audits, publishes and compares.</summary>
public static class ShadowHostingExtensions
{
    /// <summary>
    /// Adds the <c>Shadow</c> options and the shadow path. Needs the engine, audit log and Prometheus registry
    /// (<c>AddMlLayerEngine</c>, <c>AddMlLayerObservability</c>) and the bus transport's publisher (<c>AddMlLayerBus</c>).
    /// </summary>
    public static IHostApplicationBuilder AddMlLayerShadow(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ShadowOptions>().BindConfiguration(ShadowOptions.SectionName).ValidateOnStartWith(new ShadowOptionsValidator());
        services.AddSingleton<ShadowPathCounters>();
        services.AddSingleton(sp => new ShadowComparison(sp.GetRequiredService<IOptions<ShadowOptions>>().Value.WindowBars, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ShadowDecisionStore(sp.GetRequiredService<IOptions<ShadowOptions>>().Value.StoredDecisions));
        services.AddSingleton(sp => new ShadowPrometheusMetrics(sp.GetRequiredService<ShadowComparison>(), sp.GetRequiredService<ShadowPathCounters>(), sp.GetRequiredService<CollectorRegistry>()));
        services.AddSingleton<ShadowQuality>();
        services.AddSingleton<Core.Monitoring.Quality.IOutcomeSink>(sp => sp.GetRequiredService<ShadowQuality>());
        services.AddSingleton<ShadowHandoff>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditedDecisionObserver, ShadowHandoffObserver>());
        services.AddSingleton<ShadowDecisionService>();
        services.AddHostedService(sp =>
        {
            // Created with the service, so the shadow families are on the registry from the first scrape.
            sp.GetRequiredService<ShadowPrometheusMetrics>();
            return sp.GetRequiredService<ShadowDecisionService>();
        });

        var transport = builder.Configuration.GetSection(BusOptions.SectionName).GetValue(nameof(BusOptions.Transport), BusTransport.RabbitMq);
        if (transport == BusTransport.InMemory)
        {
            services.AddSingleton<IShadowDecisionPublisher, InMemoryShadowDecisionPublisher>();
        }
        else
        {
            services.AddSingleton<IShadowDecisionPublisher, RabbitMqShadowDecisionPublisher>();
        }

        return builder;
    }
}
