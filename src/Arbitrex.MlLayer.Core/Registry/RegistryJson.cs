using System.Text.Json;
using System.Text.Json.Serialization;
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
            TypeInfoResolver = CoreJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
