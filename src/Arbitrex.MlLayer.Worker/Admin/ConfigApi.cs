using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary><c>GET /config</c> and <c>PUT /config</c> (partial document, merged, hot-applied, persisted).</summary>
public static class ConfigApi
{
    public static IEndpointRouteBuilder MapConfigApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/config").WithTags("Config");
        group.MapGet(string.Empty, GetConfig)
            .WithSummary("The runtime config document")
            .WithDescription("Sections regime, signal_filter, decision, model, monitoring, governance. The config hash is in the X-Config-Hash header.");
        group.MapPut(string.Empty, UpdateConfigAsync)
            .Accepts<JsonObject>("application/json")
            .AddEndpointFilter<AdminAccessFilter>()
            .ProducesValidationProblem()
            .WithSummary("Merge a partial config document and apply it without restart")
            .WithDescription("Validated as a whole; unknown keys and bad values answer 400 naming the key and change nothing. Needs X-Api-Key when Admin:ApiKey is set, else a loopback caller.");
        return app;
    }

    internal static Ok<JsonObject> GetConfig(InferenceEngine engine, HttpResponse response)
    {
        var snapshot = engine.Snapshot;
        response.Headers["X-Config-Hash"] = snapshot.ConfigHash;
        return TypedResults.Ok(EngineConfigJson.ToJson(snapshot.Config));
    }

    /// <summary>A refused document (<see cref="InvalidConfigException"/>) is answered 400 naming each key by the admin exception handler.</summary>
    internal static async Task<Ok<ConfigUpdateResponse>> UpdateConfigAsync(
        HttpContext context, RuntimeConfigService configs, CancellationToken cancellationToken)
    {
        var patch = await EngineConfigJson.ParsePatchAsync(context.Request.Body, cancellationToken);
        var (change, config) = configs.Update(patch, AdminCaller.Of(context));
        return TypedResults.Ok(new ConfigUpdateResponse(change.ConfigHash, change.PreviousConfigHash, EngineConfigJson.ToJson(config), change.ShadowConfigHash));
    }
}
