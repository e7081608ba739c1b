using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Hosting;
using Polly;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>Wires the bus side of the worker.</summary>
public static class MlLayerBusExtensions
{
    /// <summary>
    /// Adds the <c>Bus</c> options, the bar joiner and the configured transport. What follows an audited decision is
    /// registered as <see cref="IAuditedDecisionObserver"/> by the part it belongs to (outcomes here). The engine
    /// (<c>IInferenceEngine</c>), audit log (<c>IAuditLog</c>) and monitor (<c>IPredictionMonitor</c>) are taken
    /// from the container: register them separately.
    /// </summary>
    public static TBuilder AddMlLayerBus<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BusOptions>().BindConfiguration(BusOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOptions>, BusOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOptions>, DeliveryOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var join = sp.GetRequiredService<IOptions<BusOptions>>().Value.Join;
            return new RecentDecisions(join.RecentDecisionCapacity, join.RetainedDecisionCapacity);
        });
        services.AddSingleton<AuditHealth>();
        services.AddOptions<AuditOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditTailValidator>());
        services.AddHealthChecks().AddCheck<DeliveryReadinessCheck>("delivery", tags: [SystemApi.ReadyTag]);
        // Polly's own telemetry logs every execution attempt at Information: two lines per bar. Retries are logged
        // by the pipeline itself (BusResilience, event 4102); Polly's events stay for warnings and above.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        services.AddResiliencePipeline(BusResilience.PipelineName, (pipeline, context) =>
            pipeline.AddBusRetry(
                context.ServiceProvider.GetRequiredService<IOptions<BusOptions>>().Value.Retry,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BusResilience).FullName!)));
        services.AddSingleton<BarJoiner>();
        services.AddSingleton<BarDeliveryHandler>();
        services.AddHostedService<RecentDecisionsSeeder>();
        AddOutcomes(services);

        var transport = builder.Configuration.GetSection(BusOptions.SectionName).GetValue(nameof(BusOptions.Transport), BusTransport.RabbitMq);
        if (transport == BusTransport.InMemory)
        {
            AddInMemory(builder);
        }
        else
        {
            services.AddSingleton<RabbitMqConnections>();
            services.AddSingleton<RabbitMqPublisher>();
            services.AddSingleton<IDecisionPublisher>(sp => sp.GetRequiredService<RabbitMqPublisher>());
            services.AddHostedService<RabbitMqBarConsumer>();
        }

        return builder;
    }

    /// <summary>
    /// Trade outcomes: joined to the audited bus decisions, audited, then handed to every registered
    /// <see cref="Core.Monitoring.Quality.IOutcomeSink"/> (none is needed).
    /// </summary>
    private static void AddOutcomes(IServiceCollection services)
    {
        services.AddSingleton(sp => new ScorableDecisions(sp.GetRequiredService<IOptions<BusOptions>>().Value.Outcomes.DecisionCapacity));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuditedDecisionObserver, ScorableDecisionsObserver>());
        services.AddSingleton(sp => new OutcomeCounters(sp.GetService<Prometheus.CollectorRegistry>()));
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<OutcomeDeliveryHandler>();
        services.AddSingleton<InboundDeliveryRouter>();
        services.AddHostedService<ScorableDecisionsSeeder>();
    }

    private static void AddInMemory(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<InMemoryBroker>();
        services.AddSingleton<IDecisionPublisher, InMemoryDecisionPublisher>();
        services.AddHostedService<DecisionLogSubscriber>();
        services.AddSingleton<InMemoryBarConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<InMemoryBarConsumer>());

        var sampleFeed = builder.Configuration.GetSection($"{BusOptions.SectionName}:{nameof(BusOptions.SampleFeed)}")
            .GetValue(nameof(SampleFeedOptions.Enabled), true);
        if (sampleFeed)
        {
            services.AddHostedService<SampleFeedPublisher>();
        }
    }
}
