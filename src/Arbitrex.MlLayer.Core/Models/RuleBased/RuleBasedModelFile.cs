using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>Reads the JSON parameter files of rule-based models strictly (unknown keys refused).</summary>
internal static class RuleBasedModelFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = CoreJsonContext.Default,
    };

    public const string Kind = "rule_based";

    public static T Read<T>(ReadOnlySpan<byte> content, string description)
    {
        try
        {
            return JsonSerializer.Deserialize(content, Options.TypeInfo<T>())
                ?? throw new InvalidModelException($"Rule-based model {description} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"Rule-based model {description} is invalid at {ex.Path}: {ex.Message}", ex);
        }
    }
}
