using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Shadow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>GET /models/shadow</c>: the shadow models, their agreement with the live ones and the bars they disagree on.</summary>
public static class ShadowApi
{
    public static IEndpointRouteBuilder MapShadowApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/models/shadow", GetShadow)
            .WithTags("Models")
            .WithSummary("The shadow models compared with the live ones")
            .WithDescription("Set a shadow with PUT /config {\"model\":{\"shadow_signal_filter_version\":\"v1.1.0\"}}. Agreement of allow_trade and regime, mean and p95 |Δ success_probability| since the pair of configs took effect and over the last Shadow:WindowBars bars, the last 100 disagreeing bars with both decisions, and, once trade outcomes arrive, live and shadow quality (AUC, Brier, log-loss, hit rate) on the same bars.");
        return app;
    }

    internal static Ok<ShadowResponse> GetShadow(
        InferenceEngine engine, ShadowComparison comparison, ShadowHandoff queue, ShadowDecisionStore store, ShadowPathCounters counters, ShadowQuality quality)
    {
        var snapshot = engine.Snapshot;
        var model = snapshot.Config.Model;
        var shadowVersions = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [ModelNames.RegimeClassifier] = snapshot.Shadow is null ? null : model.ShadowRegimeClassifierVersion is null ? null : snapshot.Shadow.ModelVersions[ModelNames.RegimeClassifier],
            [ModelNames.SignalFilter] = snapshot.Shadow is null ? null : model.ShadowSignalFilterVersion is null ? null : snapshot.Shadow.ModelVersions[ModelNames.SignalFilter],
        };
        return TypedResults.Ok(new ShadowResponse(
            snapshot.Shadow is not null,
            shadowVersions,
            snapshot.ModelVersions,
            snapshot.ConfigHash,
            snapshot.Shadow?.ConfigHash,
            comparison.Report(),
            new ShadowPathStatus(queue.Pending, queue.Capacity, counters.Decided, counters.Dropped, counters.Skipped, counters.Failed, store.Count),
            quality.Report()));
    }
}
