using System.Text.Json;
using System.Text.Json.Serialization;

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
    };

    public static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw new InvalidModelException($"Rule-based model file '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidModelException($"Rule-based model file '{path}' is invalid at {ex.Path}: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new InvalidModelException($"Rule-based model file '{path}' cannot be read: {ex.Message}", ex);
        }
    }
}
