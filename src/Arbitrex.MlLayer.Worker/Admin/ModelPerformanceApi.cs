using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Registry;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>GET /models/{name}/{version}/performance</c>: live quality of a registered signal filter version from the
/// outcomes of its decisions. An unknown model or version is answered 404 by <see cref="Errors.AdminExceptionHandler"/>;
/// the regime classifier is refused (400 naming <c>name</c>), since live quality is kept per signal filter version.
/// </summary>
public static class ModelPerformanceApi
{
    public static IEndpointRouteBuilder MapModelPerformanceApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/models").WithTags("Models")
            .MapGet("/{name}/{version}/performance", Get)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Live quality of a signal filter version from trade outcomes: hit rate, AUC, Brier, log-loss, calibration, overall and per regime")
            .WithDescription("Over the last Monitoring:LiveQuality:WindowOutcomes outcomes within Monitoring:LiveQuality:WindowHours. A figure from fewer than MinOutcomes outcomes has status 'insufficient' and no value; the AUC of one class only is 'undefined'.");
        return app;
    }

    internal static Ok<ModelPerformanceResponse> Get(string name, string version, ModelRegistry registry, InferenceEngine engine, LiveQualityTracker tracker, IValidationBriers validationBriers)
    {
        // Looked up first, so an unknown name or version is a 404 whatever the name.
        var entry = registry.Get(name, version);
        if (entry.Name != ModelNames.SignalFilter)
        {
            throw new RequestProblem("name", $"live quality is kept per {ModelNames.SignalFilter} version, not per {entry.Name} version");
        }

        var quality = tracker.Of(entry.Version);
        var options = tracker.Options;
        return TypedResults.Ok(new ModelPerformanceResponse
        {
            ModelName = entry.Name,
            Version = entry.Version,
            Active = engine.Snapshot.ModelVersions.TryGetValue(entry.Name, out var running) && running == entry.Version,
            ValidationBrier = validationBriers.ValidationBrierOf(entry.Version),
            WindowOutcomes = options.WindowOutcomes,
            WindowHours = options.WindowHours,
            MinOutcomes = options.MinOutcomes,
            OldestOutcomeAt = quality.OldestOutcomeAt,
            NewestOutcomeAt = quality.NewestOutcomeAt,
            Overall = quality.Overall,
            Regimes = quality.Regimes,
        });
    }
}
