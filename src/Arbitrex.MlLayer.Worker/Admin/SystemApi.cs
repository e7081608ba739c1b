using Arbitrex.MlLayer.Core.Engine;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>GET /</c>, <c>GET /health</c>, <c>GET /health/ready</c>, <c>GET /status</c>, <c>POST /reset</c>.</summary>
public static class SystemApi
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapSystemApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).WithTags("System");
        group.MapGet("/", GetInfo).WithSummary("API info and links");
        group.MapGet("/health", GetHealth).WithSummary("Liveness: the process serves requests");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .WithTags("System");
        group.MapGet("/status", GetStatus).WithSummary("Uptime, versions, config hash, bus and storage");
        group.MapPost("/reset", Reset)
            .AddEndpointFilter<AdminAccessFilter>()
            .WithSummary("Clear smoothing state and windowed metrics (not the audit log)");
        return app;
    }

    internal static Ok<ApiInfo> GetInfo(ServiceInfo info) => TypedResults.Ok(new ApiInfo(
        ServiceInfo.Name,
        info.Version,
        "/docs",
        new Dictionary<string, string>
        {
            ["docs"] = "/docs",
            ["openapi"] = "/swagger/v1/swagger.json",
            ["health"] = "/health",
            ["ready"] = "/health/ready",
            ["status"] = "/status",
            ["status_page"] = "/ui",
            ["predict"] = "/predict",
            ["batch_predict"] = "/batch_predict",
            ["models"] = "/models/list",
            ["config"] = "/config",
            ["metrics"] = "/metrics",
            ["prometheus"] = "/metrics/prometheus",
            ["decisions"] = "/metrics/decisions",
            ["alerts"] = "/alerts",
        }));

    internal static Ok<HealthResponse> GetHealth(InferenceEngine engine, ServiceInfo info) =>
        TypedResults.Ok(new HealthResponse("healthy", engine.ConfigHash, Math.Round(info.Uptime.TotalSeconds, 3)));

    internal static Ok<StatusResponse> GetStatus(InferenceEngine engine, ServiceInfo info, StatusSources sources)
    {
        var snapshot = engine.Snapshot;
        return TypedResults.Ok(new StatusResponse(
            ServiceInfo.Name,
            info.Version,
            info.StartedAt.UtcDateTime,
            Math.Round(info.Uptime.TotalSeconds, 3),
            snapshot.ConfigHash,
            snapshot.ModelVersions,
            snapshot.Config.SignalFilter.UseMlModel,
            engine.Smoother.TrackedKeys,
            sources.Describe()));
    }

    internal static Ok<ResetResponse> Reset(ResetCoordinator reset, HttpContext context)
    {
        reset.Reset(AdminCaller.Of(context));
        return TypedResults.Ok(new ResetResponse("reset", "smoothing state and windowed metrics cleared; audit log kept"));
    }
}
