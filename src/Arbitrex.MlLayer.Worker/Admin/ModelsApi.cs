using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// <c>GET /models/list</c>, <c>POST /models/register</c>, <c>GET /models/{name}/versions</c>, <c>GET /models/{name}/{version}</c>,
/// <c>DELETE /models/{name}/{version}</c>. Refusals (unknown model 404, version conflict 409, registry busy 503, bad field 400)
/// are answered by <see cref="AdminExceptionHandler"/>.
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
        group.MapGet("/{name}/{version}", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One registered version with its metadata (free-form fields as registered) and whether it is active");
        group.MapDelete("/{name}/{version}", DeleteAsync)
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

    internal static Ok<ModelVersionResponse> Get(string name, string version, ModelRegistry registry, InferenceEngine engine)
    {
        var entry = registry.Get(name, version);
        var active = engine.Snapshot.ModelVersions.TryGetValue(name, out var running) && running == version;
        return TypedResults.Ok(new ModelVersionResponse(entry, registry.LoadMetadata(name, version), active));
    }

    internal static async Task<Created<RegistryEntry>> RegisterAsync(
        HttpRequest request, ModelRegistry registry, ImportPathResolver importPaths, RuntimeConfigService configs, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync<RegisterModelRequest>(request, cancellationToken);
        var name = Required(body.ModelName, "model_name");
        var version = Required(body.Version, "version");
        var path = importPaths.Resolve(Required(body.ModelPath, "model_path"));
        var kind = body.Kind is null ? await InferKindAsync(path, cancellationToken)
            : ModelKinds.TryParse(body.Kind, out var named) ? named
            : throw new RequestProblem("kind", $"kind '{body.Kind}' is not rule_based, xgboost_json or lightgbm");
        var metadata = ReadMetadata(body.Metadata);
        RegistryEntry entry;
        try
        {
            entry = await registry.RegisterAsync(name, version, path, kind, metadata, cancellationToken);
        }
        catch (ModelNotFoundException ex)
        {
            // Registering under a name the registry does not know is the body's model_name at fault, not a missing resource.
            throw new RequestProblem("model_name", ex.Message);
        }

        await RecordedModelChanges.RecordRegistrationAsync(registry, configs, AdminCaller.Of(request.HttpContext), entry);
        return TypedResults.Created($"/models/{entry.Name}/{entry.Version}", entry);
    }

    internal static async Task<Ok<RegistryEntry>> DeleteAsync(
        string name, string version, ModelRegistry registry, RuntimeConfigService configs, InferenceEngine engine, HttpContext context, CancellationToken cancellationToken)
    {
        // A version the shadow decides with is refused like the active one (409).
        return TypedResults.Ok(await RecordedModelChanges.DeleteAsync(
            registry, configs, AdminCaller.Of(context), name, version, () => Shadow.ShadowVersions.ThrowIfShadow(engine.Snapshot, name, version), cancellationToken));
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
            // The seed's register body gives "features" as a count; the registry keeps the list and the count apart.
            if (element.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Number)
            {
                var node = JsonNode.Parse(element.GetRawText())!.AsObject();
                node.Remove("features");
                node["feature_count"] = features.TryGetInt32(out var count) && count >= 0
                    ? count
                    : throw new RequestProblem("metadata.features", "metadata.features must be a whole number of features or a list of feature names");
                return node.Deserialize(RegistryJson.Options.TypeInfo<ModelMetadata>()) ?? new ModelMetadata();
            }

            return element.Deserialize(RegistryJson.Options.TypeInfo<ModelMetadata>()) ?? new ModelMetadata();
        }
        catch (JsonException ex)
        {
            var (field, message) = JsonProblemText.Describe(ex, "metadata");
            throw new RequestProblem(field, message);
        }
    }

    // The content decides the kind, not the extension: a .pkl holding LightGBM text registers, a real pickle is refused.
    private static async Task<ModelKind> InferKindAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RequestProblem("model_path", "the artifact cannot be read: " + ex.Message);
        }

        try
        {
            return ArtifactContent.Detect(content);
        }
        catch (InvalidModelException ex)
        {
            throw new RequestProblem("model_path", ex.Message);
        }
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestProblem(field, field + " is required") : value;
}
