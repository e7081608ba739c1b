using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Json;
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
            // Enums as snake_case strings: one generic converter per enum a body carries (the non-generic factory
            // builds them at run time, which a native build cannot).
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter<ModelKind>(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter<AlertState>(JsonNamingPolicy.SnakeCaseLower));

            // Generated metadata only: the contract types (the decision in every /predict answer), then every other body.
            o.SerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJsonContext.Default, WorkerJsonContext.Default);
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
