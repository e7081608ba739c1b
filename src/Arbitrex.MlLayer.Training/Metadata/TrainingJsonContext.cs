using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Training.Metadata;

/// <summary>
/// Compile-time serialisation metadata for the training report, run under the registry's options
/// (<see cref="Core.Registry.RegistryJson"/>) so the metadata file reads back as the registry's own type.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TrainingMetadata))]
internal sealed partial class TrainingJsonContext : JsonSerializerContext;
