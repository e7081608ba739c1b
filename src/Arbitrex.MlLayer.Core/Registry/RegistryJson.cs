using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>
/// How the index and metadata files are written: snake_case, indented, kinds as snake_case strings.
/// Use these options to read metadata or kinds from requests so they match the files. The types come from
/// <see cref="CoreJsonContext"/>'s generated metadata.
/// </summary>
public static class RegistryJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            RespectNullableAnnotations = true,
            Converters = { new JsonStringEnumConverter<ModelKind>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
            TypeInfoResolver = TypeResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// The generated metadata, and reflection only where the process allows it: the training tool writes its own
    /// metadata type with these options. The service runs with reflection-based JSON switched off, so there the
    /// fallback is not there (and a native build trims it away).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only when reflection-based JSON is enabled; the feature switch off removes the branch.")]
    [UnconditionalSuppressMessage("AotAnalysis", "IL3050", Justification = "Only when reflection-based JSON is enabled; the feature switch off removes the branch.")]
    private static IJsonTypeInfoResolver TypeResolver() =>
        JsonSerializer.IsReflectionEnabledByDefault
            ? JsonTypeInfoResolver.Combine(CoreJsonContext.Default, new DefaultJsonTypeInfoResolver())
            : CoreJsonContext.Default;
}
