using System.Globalization;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>GET /metrics</c>, <c>/metrics/prometheus</c>, <c>/metrics/decisions</c>, <c>/alerts</c> and <c>POST /metrics/export</c>.</summary>
public static class MonitoringApi
{
    private const int MaxDecisionLimit = 10_000;

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).WithTags("Monitoring");
        group.MapGet("/metrics", (MlMonitor monitor, AdHocPredictionCounter adhoc) => TypedResults.Ok(monitor.GetSnapshot() with { AdhocPredictions = adhoc.ByEndpoint() }))
            .WithSummary("Current metrics (volumes, rates, latency quantiles, regimes, per-symbol and per-reason counts, alerts, versions, uptime)");
        group.MapGet("/metrics/prometheus", WritePrometheusAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithSummary("Prometheus text exposition format 0.0.4: the ML layer's metrics plus process, .NET runtime and HTTP request metrics");
        group.MapGet("/metrics/decisions", GetDecisions)
            .WithSummary("Decision history, newest first; filters: symbol, allowed; limit 1-10000 (default 100); view=seed for the seed's flat items (regime label, signal_prob, allowed)");
        group.MapPost("/metrics/export", ExportAsync)
            .AddEndpointFilter<AdminAccessFilter>()
            .WithSummary("Write an ml_metrics_<timestamp>.json snapshot now");
        group.MapGet("/alerts", GetAlerts)
            .WithSummary("Active (firing) and pending alerts, the rules in force, and recent alert history");
        return app;
    }

    /// <summary>The host's prometheus-net registry in the text format 0.0.4.</summary>
    internal static async Task WritePrometheusAsync(CollectorRegistry registry, AdHocPredictionCounter adhoc, HttpResponse response, CancellationToken cancellationToken)
    {
        // Resolving the counter registers its family, so a scrape before the first ad-hoc call shows the zeros.
        _ = adhoc;
        response.ContentType = MlMonitor.PrometheusContentType;
        await registry.CollectAndExportAsTextAsync(response.Body, cancellationToken);
    }

    // limit and allowed bind as strings: typed binding answers "abc" or "maybe" with a bare 400 that names no field.
    internal static Results<Ok<DecisionsResponse>, Ok<SeedDecisionsResponse>, ValidationProblem> GetDecisions(
        MlMonitor monitor, string? limit, string? symbol, string? allowed, string? view)
    {
        var errors = new Dictionary<string, string[]>();
        var take = 100;
        if (limit is not null && !int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out take))
        {
            errors["limit"] = [$"limit must be a whole number between 1 and {MaxDecisionLimit} (was '{limit}')"];
        }
        else if (take is < 1 or > MaxDecisionLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxDecisionLimit} (was {take})"];
        }

        bool? allowedFilter = null;
        if (allowed is not null)
        {
            if (bool.TryParse(allowed, out var value))
            {
                allowedFilter = value;
            }
            else
            {
                errors["allowed"] = [$"allowed must be true or false (was '{allowed}')"];
            }
        }

        if (view is not (null or "decision" or "seed"))
        {
            errors["view"] = [$"view must be 'decision' (the MlDecision contract, the default) or 'seed' (the seed's flat records) (was '{view}')"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var decisions = monitor.GetDecisionHistory(take, string.IsNullOrWhiteSpace(symbol) ? null : symbol, allowedFilter);
        return view == "seed"
            ? TypedResults.Ok(new SeedDecisionsResponse(decisions.Count, [.. decisions.Select(SeedDecisionRecord.From)]))
            : TypedResults.Ok(new DecisionsResponse(decisions.Count, decisions));
    }

    internal static Ok<AlertsResponse> GetAlerts(MlMonitor monitor)
    {
        var active = monitor.ActiveAlerts;
        return TypedResults.Ok(new AlertsResponse(active.Count, active, monitor.PendingAlerts, monitor.AlertRules, monitor.GetAlertHistory(100)));
    }

    internal static async Task<Ok<ExportResponse>> ExportAsync(MlMonitor monitor, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ExportResponse(await monitor.ExportSnapshotAsync(cancellationToken: cancellationToken)));
}
