using System.Text.Json;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Body of <c>POST /models/register</c>, as in the seed: <c>{model_name, version, model_path, metadata}</c>; <c>kind</c> is inferred when absent.</summary>
public sealed record RegisterModelRequest
{
    public string? ModelName { get; init; }

    public string? Version { get; init; }

    /// <summary>Path of the artifact; it must lie inside <c>Registry:ImportPath</c>.</summary>
    public string? ModelPath { get; init; }

    /// <summary><c>rule_based</c>, <c>xgboost_json</c> or <c>lightgbm</c>; inferred from the file's content when absent.</summary>
    public string? Kind { get; init; }

    public JsonElement? Metadata { get; init; }
}
