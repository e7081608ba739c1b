using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Configuration;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>Registers the inference engine with its config document validated at start-up.</summary>
public static class EngineHostingExtensions
{
    public static IHostApplicationBuilder AddMlLayerEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddTimeProvider();
        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.SectionName).ValidateOnStartWith(new RegistryOptionsValidator());
        services.AddOptions<EngineOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                try
                {
                    options.Config = EngineConfigJson.FromConfiguration(configuration.GetSection(EngineConfig.SectionName));
                }
                catch (InvalidConfigException ex)
                {
                    options.ReadErrors = ex.Errors;
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddOptions<BarTimeOptions>().BindConfiguration(BarTimeOptions.SectionName).ValidateOnStart()
            .Validate(o => o.MaxBarTimeSkew is not { } skew || skew >= TimeSpan.Zero, "Engine:MaxBarTimeSkew must not be negative.");

        services.AddSingleton<IModelArtifactValidator, RuleBasedArtifactValidator>();
        services.AddSingleton<IModelArtifactValidator, XgboostArtifactValidator>();
        services.AddSingleton<IModelArtifactValidator, LightgbmArtifactValidator>();
        services.AddSingleton(sp => new ModelRegistry(
            Path.GetFullPath(sp.GetRequiredService<IOptions<RegistryOptions>>().Value.Root),
            sp.GetServices<IModelArtifactValidator>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ModelRegistry>>()));
        services.AddSingleton<IModelArtifactSource>(sp => new RegistryArtifactSource(sp.GetRequiredService<ModelRegistry>()));
        services.AddSingleton(sp => new ModelLoader(sp.GetRequiredService<IModelArtifactSource>()));
        services.AddSingleton(sp => new RuntimeConfigFile(sp.GetRequiredService<IOptions<AdminOptions>>().Value.RuntimeConfigFile));
        services.AddSingleton(sp => new InferenceEngine(
            sp.GetRequiredService<RuntimeConfigFile>().ApplyTo(
                sp.GetRequiredService<IOptions<EngineOptions>>().Value.Config,
                HostAlertRules.Names(sp.GetRequiredService<IOptions<MonitoringOptions>>().Value)),
            sp.GetRequiredService<ModelLoader>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BarTimeOptions>>().Value));
        services.AddSingleton<IInferenceEngine>(sp => sp.GetRequiredService<InferenceEngine>());
        services.AddHostedService<StartupBanner>();
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
