using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// What live inputs are compared with: the model metadata's <c>feature_baseline</c> (per feature, deciles and a
/// bounded sample) and <c>prediction_baseline</c> (deciles of the validation predictions), written by <c>train</c>
/// or captured from live bars by <c>POST /models/{name}/{version}/baseline</c>.
/// </summary>
public sealed record DriftBaseline(IReadOnlyDictionary<string, DecileBaseline> Features, DecileBaseline? Prediction)
{
    public const string FeatureField = "feature_baseline";
    public const string PredictionField = "prediction_baseline";

    private static readonly JsonTypeInfo<DecileBaseline> DecilesJson = RegistryJson.Options.TypeInfo<DecileBaseline>();
    private static readonly JsonTypeInfo<Dictionary<string, DecileBaseline>> FeaturesJson = RegistryJson.Options.TypeInfo<Dictionary<string, DecileBaseline>>();

    /// <summary>The baseline in <paramref name="metadata"/>, or null when it has no <c>feature_baseline</c>.</summary>
    /// <exception cref="JsonException">The fields are there but not of the documented shape.</exception>
    public static DriftBaseline? From(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Extra is null || !metadata.Extra.TryGetValue(FeatureField, out var features) || features.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var prediction = metadata.Extra.TryGetValue(PredictionField, out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Deserialize(DecilesJson)
            : null;
        return new DriftBaseline(features.Deserialize(FeaturesJson) ?? [], prediction);
    }

    /// <summary><paramref name="metadata"/> with this baseline in its <c>feature_baseline</c> and <c>prediction_baseline</c> fields.</summary>
    public ModelMetadata WriteTo(ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var extra = new Dictionary<string, JsonElement>(metadata.Extra ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal)
        {
            [FeatureField] = JsonSerializer.SerializeToElement(Features, RegistryJson.Options.TypeInfo<IReadOnlyDictionary<string, DecileBaseline>>()),
        };
        if (Prediction is not null)
        {
            extra[PredictionField] = JsonSerializer.SerializeToElement(Prediction, DecilesJson);
        }

        return metadata with { Extra = extra };
    }
}
