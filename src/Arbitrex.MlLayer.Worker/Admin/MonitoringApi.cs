using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>GET /metrics</c>, <c>/metrics/prometheus</c>, <c>/metrics/decisions</c>, <c>/alerts</c> and <c>POST /metrics/export</c>.</summary>
public static class MonitoringApi
{
    private const int MaxDecisionLimit = 10_000;

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).WithTags("Monitoring");
        group.MapGet("/metrics", (MlMonitor monitor) => TypedResults.Ok(monitor.GetSnapshot()))
            .WithSummary("Current metrics (volumes, rates, latency quantiles, regimes, per-symbol and per-reason counts, alerts, versions, uptime)");
        group.MapGet("/metrics/prometheus", GetPrometheus)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("Prometheus text exposition format 0.0.4");
        group.MapGet("/metrics/decisions", GetDecisions)
            .WithSummary("Decision history, newest first; filters: symbol, allowed; limit 1-10000 (default 100)");
        group.MapPost("/metrics/export", ExportAsync)
            .AddEndpointFilter<AdminAccessFilter>()
            .WithSummary("Write an ml_metrics_<timestamp>.json snapshot now");
        group.MapGet("/alerts", GetAlerts)
            .WithSummary("Active (firing) and pending alerts, the rules in force, and recent alert history");
        return app;
    }

    internal static ContentHttpResult GetPrometheus(MlMonitor monitor) =>
        TypedResults.Text(monitor.ExportPrometheus(), PrometheusTextWriter.ContentType);

    internal static Results<Ok<DecisionsResponse>, ValidationProblem> GetDecisions(MlMonitor monitor, int? limit, string? symbol, bool? allowed)
    {
        var take = limit ?? 100;
        if (take is < 1 or > MaxDecisionLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxDecisionLimit} (was {take})"] });
        }

        var decisions = monitor.GetDecisionHistory(take, string.IsNullOrWhiteSpace(symbol) ? null : symbol, allowed);
        return TypedResults.Ok(new DecisionsResponse(decisions.Count, decisions));
    }

    internal static Ok<AlertsResponse> GetAlerts(MlMonitor monitor)
    {
        var active = monitor.ActiveAlerts;
        return TypedResults.Ok(new AlertsResponse(active.Count, active, monitor.PendingAlerts, monitor.AlertRules, monitor.GetAlertHistory(100)));
    }

    internal static async Task<Ok<ExportResponse>> ExportAsync(MlMonitor monitor, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ExportResponse(await monitor.ExportSnapshotAsync(cancellationToken: cancellationToken)));
}
