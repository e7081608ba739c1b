using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>POST /predict</c> and <c>POST /batch_predict</c>.</summary>
public static class PredictionApi
{
    public static IEndpointRouteBuilder MapPredictionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).WithTags("Prediction");
        group.MapPost("/predict", PredictAsync)
            .Accepts<PredictRequest>("application/json")
            .WithSummary("Decide one bar")
            .WithDescription("Body {symbol, timeframe, features, qse_output[, bar_time]}; answers {\"prediction\": MlDecision}. Same engine, audit and monitor path as the bus.");
        group.MapPost("/batch_predict", BatchPredictAsync)
            .Accepts<BatchPredictRequest>("application/json")
            .WithSummary("Decide many bars")
            .WithDescription("Body {\"requests\": [predict body, ...]}; answers {\"predictions\": [...], \"errors\": [{index, field, detail}]}; a bad item fails alone.");
        return app;
    }

    internal static async Task<Results<Ok<PredictResponse>, ValidationProblem>> PredictAsync(
        HttpRequest request, AdminPredictionService predictions, CancellationToken cancellationToken)
    {
        try
        {
            var body = await AdminJson.ReadAsync<PredictRequest>(request, cancellationToken);
            return TypedResults.Ok(new PredictResponse(await predictions.PredictAsync(body, cancellationToken)));
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

        var limit = options.Value.MaxBatchSize;
        if (items.Count > limit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["requests"] = [$"at most {limit} requests per batch (got {items.Count})"] });
        }

        var decisions = new List<Arbitrex.MlLayer.Contracts.MlDecision>(items.Count);
        var errors = new List<BatchPredictError>();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                decisions.Add(await predictions.PredictAsync(AdminJson.Read<PredictRequest>(items[i]), cancellationToken));
            }
            catch (RequestProblem problem)
            {
                errors.Add(new BatchPredictError(i, problem.Field, problem.Message));
            }
        }

        return TypedResults.Ok(new BatchPredictResponse(decisions, errors));
    }
}
