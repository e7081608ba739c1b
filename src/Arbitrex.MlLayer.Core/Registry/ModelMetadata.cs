using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// What is known about a model version, stored as <c>&lt;name&gt;/metadata/&lt;version&gt;_metadata.json</c>.
/// Fields the registry does not know are kept as they were given.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>Area under the ROC curve on the hold-out split, 0–1.</summary>
    public double? Auc { get; init; }

    /// <summary>Accuracy on the hold-out split, 0–1.</summary>
    public double? Accuracy { get; init; }

    /// <summary>The features the model reads; filled from the artifact when left empty.</summary>
    // set, not init: the generated JSON reader gives a missing init-only member its type's default, not this
    // initializer (dotnet/runtime#84484).
    public IReadOnlyList<string> Features { get; set; } = [];

    /// <summary>How many features the model reads, as the seed's register body gives it (<c>"features": 16</c>);
    /// checked against the artifact.</summary>
    public int? FeatureCount { get; init; }

    public IReadOnlyDictionary<string, double> FeatureImportance { get; set; } = new Dictionary<string, double>();

    public long? TrainingSamples { get; init; }

    /// <summary>When the model was trained, ISO 8601 (a date or a timestamp).</summary>
    public string? TrainingDate { get; init; }

    // set: the generated reader cannot fill an init-only extension member.
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Extra { get; set; }
}
