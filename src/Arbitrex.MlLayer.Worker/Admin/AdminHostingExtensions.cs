using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The admin side-port: Kestrel on <c>Admin:Urls</c>, problem details, Swagger UI at <c>/docs</c>.</summary>
public static class AdminHostingExtensions
{
    public static WebApplicationBuilder AddMlLayerAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStartWith(new AdminOptionsValidator());

        var admin = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new AdminOptions();
        builder.WebHost.UseUrls(admin.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = admin.MaxRequestBodyBytes);

        services.ConfigureHttpJsonOptions(o =>
        {
            var contract = ContractJson.Options;
            o.SerializerOptions.PropertyNamingPolicy = contract.PropertyNamingPolicy;
            o.SerializerOptions.NumberHandling = contract.NumberHandling;
            o.SerializerOptions.Encoder = contract.Encoder;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            // Contract types (the decision in every /predict answer) from the generated metadata, the rest by reflection.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusCodeDetails.Describe);
        services.AddExceptionHandler<AdminExceptionHandler>();
        var health = services.AddHealthChecks();
        var transport = builder.Configuration.GetSection(BusOptions.SectionName).GetValue(nameof(BusOptions.Transport), BusTransport.RabbitMq);
        if (transport == BusTransport.RabbitMq)
        {
            // A singleton, so the bus status can show its last result.
            services.AddSingleton<RabbitMqReadinessCheck>();
            health.AddCheck<RabbitMqReadinessCheck>("bus", tags: [SystemApi.ReadyTag]);
        }

        services.AddSingleton<IStatusContributor, BusStatus>();
        services.AddSingleton<ServiceInfo>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceInfo>());
        services.AddSingleton<StatusSources>();
        services.AddSingleton<ResetCoordinator>();
        services.AddSingleton<DecisionRecorder>();
        services.AddSingleton<AdminPredictionService>();
        services.AddAdHocPredictions();
        services.AddSingleton<RuntimeConfigService>();
        services.AddSingleton<ImportPathResolver>();
        return builder;
    }

    public static WebApplication MapMlLayerAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Every exception an endpoint lets through becomes a problem details answer in AdminExceptionHandler.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseHttpMetrics(o => o.SetMetricFactory(Metrics.WithCustomRegistry(app.Services.GetRequiredService<CollectorRegistry>())));

        // Only requests for the UI pass through Swashbuckle's middleware, so the hot endpoints (/predict, /metrics)
        // skip its hop. The document it shows is served as built, not generated (OpenApiDocumentApi).
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/docs"),
            docs => docs.UseSwaggerUI(o =>
            {
                o.RoutePrefix = "docs";
                o.SwaggerEndpoint(OpenApiDocumentApi.Path, "Arbitrex ML Layer v1");
                o.DocumentTitle = "Arbitrex ML Layer API";
            }));

        app.MapSystemApi();
        app.MapPredictionApi();
        app.MapConfigApi();
        app.MapMonitoringApi();
        app.MapModelsApi();
        app.MapModelPerformanceApi();
        app.MapShadowApi();
        app.MapBaselineApi();
        app.MapStatusPage();
        app.MapOpenApiDocument();
        return app;
    }
}
