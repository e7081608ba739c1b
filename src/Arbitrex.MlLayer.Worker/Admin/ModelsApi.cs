using System.Text.Json;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>GET /models/list</c>, <c>POST /models/register</c>, <c>GET /models/{name}/versions</c>, <c>DELETE /models/{name}/{version}</c>.
/// Refusals (unknown model 404, version conflict 409, registry busy 503, bad field 400) are answered by <see cref="AdminExceptionHandler"/>.
/// </summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/models").WithTags("Models");
        group.MapGet("/list", List).WithSummary("Every registered model version, and the active ones");
        group.MapPost("/register", RegisterAsync)
            .Accepts<RegisterModelRequest>("application/json")
            .AddEndpointFilter<AdminAccessFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Validate an artifact from the import folder and add it to the registry")
            .WithDescription("Body {model_name, version, model_path, metadata[, kind]}. The artifact must parse, read only canonical features and give a finite smoke prediction; a refused artifact changes nothing. Activate it with PUT /config.");
        group.MapGet("/{name}/versions", Versions).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The registered versions of one model");
        group.MapDelete("/{name}/{version}", Delete)
            .AddEndpointFilter<AdminAccessFilter>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Remove a version (refused for the active one)");
        return app;
    }

    internal static Ok<ModelListResponse> List(ModelRegistry registry, InferenceEngine engine) =>
        TypedResults.Ok(new ModelListResponse(registry.List(), engine.Snapshot.ModelVersions));

    internal static Ok<ModelListResponse> Versions(string name, ModelRegistry registry, InferenceEngine engine) =>
        TypedResults.Ok(new ModelListResponse(registry.Versions(name), engine.Snapshot.ModelVersions));

    internal static async Task<Created<RegistryEntry>> RegisterAsync(
        HttpRequest request, ModelRegistry registry, ImportPathResolver importPaths, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync<RegisterModelRequest>(request, cancellationToken);
        var name = Required(body.ModelName, "model_name");
        var version = Required(body.Version, "version");
        var path = importPaths.Resolve(Required(body.ModelPath, "model_path"));
        var kind = body.Kind switch
        {
            null => await InferKindAsync(path, cancellationToken),
            "rule_based" => ModelKind.RuleBased,
            "xgboost_json" => ModelKind.XgboostJson,
            _ => throw new RequestProblem("kind", $"kind '{body.Kind}' is not rule_based or xgboost_json"),
        };
        var metadata = ReadMetadata(body.Metadata);
        try
        {
            var entry = registry.Register(name, version, path, kind, metadata);
            return TypedResults.Created($"/models/{entry.Name}/versions", entry);
        }
        catch (ModelNotFoundException ex)
        {
            // Registering under a name the registry does not know is the body's model_name at fault, not a missing resource.
            throw new RequestProblem("model_name", ex.Message);
        }
    }

    internal static Ok<RegistryEntry> Delete(string name, string version, ModelRegistry registry, RuntimeConfigService configs)
    {
        var entry = registry.Get(name, version);
        configs.WithActiveModels(active =>
            registry.Delete(name, version, (n, v) => active.TryGetValue(n, out var running) && running == v));
        return TypedResults.Ok(entry);
    }

    private static ModelMetadata ReadMetadata(JsonElement? metadata)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } element)
        {
            return metadata is null or { ValueKind: JsonValueKind.Null }
                ? new ModelMetadata()
                : throw new RequestProblem("metadata", "metadata must be a JSON object");
        }

        try
        {
            return element.Deserialize<ModelMetadata>(RegistryJson.Options) ?? new ModelMetadata();
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonProblemText.Describe(ex, "metadata");
            throw new RequestProblem(field, message);
        }
    }

    private static async Task<ModelKind> InferKindAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        try
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("learner", out _)
                ? ModelKind.XgboostJson
                : ModelKind.RuleBased;
        }
        catch (JsonException ex)
        {
            throw new RequestProblem("model_path", $"the artifact is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
        }
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestProblem(field, field + " is required") : value;
}
