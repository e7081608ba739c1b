using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>POST /predict</c> and <c>POST /batch_predict</c>: ad-hoc (what-if) predictions.</summary>
public static class PredictionApi
{
    public static IEndpointRouteBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).WithTags("Prediction").RequireRateLimiting(PredictionRateLimiting.PolicyName);
        group.MapPost("/predict", PredictAsync)
            .Accepts<PredictRequest>("application/json")
            .WithSummary("Decide one bar (what-if)")
            .WithDescription("Body {symbol, timeframe, features, qse_output[, bar_time][, use_live_state]}; answers {\"prediction\": MlDecision}. Same engine and audit (source http) as the bus; stateless unless use_live_state is true (then the live regime smoothing is read, never moved). Counted apart from the live metrics. At most Admin:PredictRateLimit requests per second per caller (429).");
        group.MapPost("/batch_predict", BatchPredictAsync)
            .Accepts<BatchPredictRequest>("application/json")
            .AddEndpointFilter<AdminAccessFilter>()
            .WithSummary("Decide many bars (what-if)")
            .WithDescription("Body {\"requests\": [predict body, ...]} (at most Admin:BatchPredictMaxRows); answers {\"predictions\": [...], \"errors\": [{index, field, detail}]}; a bad item fails alone. Needs X-Api-Key when Admin:ApiKey is set, else a loopback caller.");
        return app;
    }

    internal static async Task<Results<Ok<PredictResponse>, ValidationProblem>> PredictAsync(
        HttpRequest request, AdminPredictionService predictions, CancellationToken cancellationToken)
    {
        try
        {
            var body = await AdminJson.ReadAsync<PredictRequest>(request, cancellationToken);
            return TypedResults.Ok(new PredictResponse(await predictions.PredictAsync(body, AdHocEndpoint.Predict, cancellationToken)));
        }
        catch (RequestProblem problem)
        {
            return TypedResults.ValidationProblem(problem.ToErrors(), detail: problem.Message);
        }
    }

    internal static async Task<Results<Ok<BatchPredictResponse>, ValidationProblem>> BatchPredictAsync(
        HttpRequest request, AdminPredictionService predictions, IOptions<AdminOptions> options, CancellationToken cancellationToken)
    {
        BatchPredictRequest body;
        try
        {
            body = await AdminJson.ReadAsync<BatchPredictRequest>(request, cancellationToken);
        }
        catch (RequestProblem problem)
        {
            return TypedResults.ValidationProblem(problem.ToErrors(), detail: problem.Message);
        }

        var items = body.Requests;
        if (items is null || items.Count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["requests"] = ["requests must be a non-empty array"] });
        }

        var limit = options.Value.BatchPredictMaxRows;
        if (items.Count > limit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["requests"] = [$"at most {limit} requests per batch (Admin:BatchPredictMaxRows; got {items.Count})"] });
        }

        var decisions = new List<Arbitrex.MlLayer.Contracts.MlDecision>(items.Count);
        var errors = new List<BatchPredictError>();
        for (var i = 0; i < items.Count; i++)
        {
            PredictRequest item;
            try
            {
                item = AdminJson.Read<PredictRequest>(items[i]);
            }
            catch (RequestProblem problem)
            {
                predictions.CountUnreadable(AdHocEndpoint.BatchPredict);
                errors.Add(new BatchPredictError(i, problem.Field, problem.Message));
                continue;
            }

            try
            {
                decisions.Add(await predictions.PredictAsync(item, AdHocEndpoint.BatchPredict, cancellationToken));
            }
            catch (RequestProblem problem)
            {
                errors.Add(new BatchPredictError(i, problem.Field, problem.Message));
            }
        }

        return TypedResults.Ok(new BatchPredictResponse(decisions, errors));
    }
}
