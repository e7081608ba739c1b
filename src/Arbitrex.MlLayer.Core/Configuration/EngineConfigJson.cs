using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;
using Microsoft.Extensions.Configuration;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// Reads, writes and merges the runtime config document. One mechanism serves start-up
/// (the <c>MlLayer</c> configuration section), <c>PUT /config</c> and the persisted override file,
/// so all three refuse the same unknown keys and wrong types with the same messages.
/// </summary>
public static class EngineConfigJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly JsonTypeInfo<EngineConfig> ConfigJson = Options.TypeInfo<EngineConfig>();

    private static readonly JsonTypeInfo<EngineConfig> IndentedConfigJson = new JsonSerializerOptions(Options) { WriteIndented = true }.TypeInfo<EngineConfig>();

    public static JsonObject ToJson(EngineConfig config) =>
        JsonSerializer.SerializeToNode(config, ConfigJson)!.AsObject();

    public static string Serialize(EngineConfig config, bool indented = false) =>
        JsonSerializer.Serialize(config, indented ? IndentedConfigJson : ConfigJson);

    /// <summary>Merges <paramref name="patch"/> into <paramref name="current"/> (objects recursively, everything else replaced) and validates the result.</summary>
    /// <exception cref="InvalidConfigException">Unknown key, wrong type or invalid value; nothing is returned.</exception>
    public static EngineConfig Merge(EngineConfig current, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var merged = ToJson(current);
        MergeInto(merged, patch);
        var config = Deserialize(merged);
        EngineConfigValidator.ThrowIfInvalid(config);
        return config;
    }

    /// <summary>Parses a (partial) config document from JSON text and merges it into <paramref name="current"/>.</summary>
    /// <exception cref="InvalidConfigException">Not JSON, not an object, a key given twice, or an invalid result.</exception>
    public static EngineConfig Merge(EngineConfig current, string patchJson) => Merge(current, ParsePatch(patchJson));

    /// <summary>Parses a (partial) config document; a key given twice in one object is refused, not merged or overwritten.</summary>
    /// <exception cref="InvalidConfigException">Not JSON, not an object, or a key given twice (named with its path).</exception>
    public static JsonObject ParsePatch(string patchJson)
    {
        ArgumentNullException.ThrowIfNull(patchJson);
        try
        {
            // JsonDocumentOptions.AllowDuplicateProperties = false refuses duplicates too, but names only the
            // property, not its path; this walk names the key as the other config errors do.
            using (var document = JsonDocument.Parse(patchJson))
            {
                if (FirstDuplicateKey(document.RootElement, string.Empty) is { } duplicate)
                {
                    throw new InvalidConfigException([new ConfigError(duplicate, "is given more than once")]);
                }
            }

            return JsonNode.Parse(patchJson) as JsonObject
                ?? throw new InvalidConfigException([new ConfigError(string.Empty, "the config document must be a JSON object")]);
        }
        catch (JsonException ex)
        {
            throw new InvalidConfigException([new ConfigError(KeyOf(ex.Path), "is not valid JSON: " + ex.Message)]);
        }
    }

    /// <inheritdoc cref="ParsePatch(string)"/>
    public static async Task<JsonObject> ParsePatchAsync(Stream patchJson, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(patchJson, leaveOpen: true);
        return ParsePatch(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string? FirstDuplicateKey(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var key = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (!names.Add(property.Name))
                {
                    return key;
                }

                if (FirstDuplicateKey(property.Value, key) is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstDuplicateKey(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]")) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>Reads the <c>MlLayer</c> configuration section (appsettings, environment, command line) over the defaults.</summary>
    public static EngineConfig FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var patch = new JsonObject();
        var template = ToJson(new EngineConfig());
        foreach (var child in section.GetChildren())
        {
            patch[child.Key] = FromSection(child, template[child.Key]);
        }

        return Merge(new EngineConfig(), patch);
    }

    private static JsonNode? FromSection(IConfigurationSection section, JsonNode? template)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            // The JSON configuration provider keeps an empty [] as an empty value and {} as no value;
            // the template says which it was, so GET /config output (e.g. "alert_rules": []) reads back.
            return string.IsNullOrEmpty(section.Value) && template is JsonArray or JsonObject
                ? template is JsonArray ? new JsonArray() : new JsonObject()
                : ScalarFrom(section.Value, template);
        }

        if (template is JsonArray arrayTemplate || children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var itemTemplate = template is JsonArray { Count: > 0 } t ? t[0] : null;
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                array.Add(FromSection(child, itemTemplate));
            }

            return array;
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[child.Key] = FromSection(child, (template as JsonObject)?[child.Key]);
        }

        return obj;
    }

    private static JsonValue? ScalarFrom(string? value, JsonNode? template)
    {
        if (value is null)
        {
            return null;
        }

        var kind = template?.GetValueKind();
        if (kind is JsonValueKind.True or JsonValueKind.False || (kind is null && (value is "true" or "false" or "True" or "False")))
        {
            return bool.TryParse(value, out var b) ? JsonValue.Create(b) : JsonValue.Create(value);
        }

        // Numbers stay strings here; the serializer reads numbers from strings for this document only.
        return JsonValue.Create(value);
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject patchChild && target[key] is JsonObject targetChild)
            {
                MergeInto(targetChild, patchChild);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static EngineConfig Deserialize(JsonObject document)
    {
        try
        {
            return document.Deserialize(ConfigJson)
                ?? throw new InvalidConfigException([new ConfigError(string.Empty, "the config document is empty")]);
        }
        catch (JsonException ex)
        {
            throw new InvalidConfigException([new ConfigError(KeyOf(ex.Path), Describe(ex))]);
        }
    }

    private static string Describe(JsonException ex) =>
        ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "is not a known config key"
            : "has the wrong type or format";

    /// <summary>Turns a JSON path such as <c>$.decision.min_regime_confidence</c> into <c>decision.min_regime_confidence</c>.</summary>
    private static string KeyOf(string? path) =>
        string.IsNullOrEmpty(path) ? string.Empty : path.TrimStart('$').TrimStart('.').Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            RespectNullableAnnotations = true,
            TypeInfoResolver = CoreJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
