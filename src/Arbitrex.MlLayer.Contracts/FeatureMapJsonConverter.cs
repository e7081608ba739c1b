using System.Buffers.Text;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// Reads a <c>features</c> object (<c>{"name": number, …}</c>) into an ordinal
/// <see cref="Dictionary{TKey, TValue}"/> sized for the 16 canonical features, whose canonical keys are the
/// shared <see cref="CanonicalFeatures"/> strings. Every bar carries such a map, and System.Text.Json's
/// dictionary reader allocated a new key string per feature and grew the dictionary three times.
/// </summary>
/// <remarks>
/// Numbers follow the options' <see cref="JsonSerializerOptions.NumberHandling"/> (named literals such as
/// <c>"NaN"</c> are read, so the engine can reject them naming the feature); a repeated name keeps its last
/// value, as the default reader does, unless the options refuse duplicate properties. The converter is meant for
/// a root-level <c>features</c> property: a value that is not a number is reported at
/// <c>$.features.&lt;name&gt;</c>. Writing is System.Text.Json's own.
/// </remarks>
public sealed class FeatureMapJsonConverter : JsonConverter<IReadOnlyDictionary<string, double>>
{
    private const int MaxStackName = 128;

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Canonical =
        CanonicalFeatures.All.ToFrozenDictionary(name => name, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public override IReadOnlyDictionary<string, double> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // No message: the serializer words it with the path and the map's type, which readers turn into "an object whose values are numbers".
            throw new JsonException();
        }

        var features = new Dictionary<string, double>(CanonicalFeatures.All.Count);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = ReadName(ref reader);
            reader.Read();
            var value = ReadNumber(ref reader, name, options.NumberHandling);
            if (!features.TryAdd(name, value))
            {
                features[name] = options.AllowDuplicateProperties
                    ? value
                    : throw new JsonException($"Duplicate property '{name}' encountered during deserialization.", "$.features." + name, null, null);
            }
        }

        return features;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, double> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(typeof(IReadOnlyDictionary<string, double>)));

    private static string ReadName(ref Utf8JsonReader reader)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length <= MaxStackName)
        {
            Span<char> chars = stackalloc char[MaxStackName];
            var written = reader.CopyString(chars);
            if (Canonical.TryGetValue(chars[..written], out var canonical))
            {
                return canonical;
            }
        }

        return reader.GetString()!;
    }

    private static double ReadNumber(ref Utf8JsonReader reader, string name, JsonNumberHandling handling)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            var text = reader.ValueSpan;
            if ((handling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0)
            {
                if (text.SequenceEqual("NaN"u8))
                {
                    return double.NaN;
                }

                if (text.SequenceEqual("Infinity"u8))
                {
                    return double.PositiveInfinity;
                }

                if (text.SequenceEqual("-Infinity"u8))
                {
                    return double.NegativeInfinity;
                }
            }

            if ((handling & JsonNumberHandling.AllowReadingFromString) != 0
                && Utf8Parser.TryParse(text, out double parsed, out var consumed) && consumed == text.Length)
            {
                return parsed;
            }
        }

        // Message and path as System.Text.Json words its own errors, so readers that quote the message still name the path.
        var path = "$.features." + name;
        throw new JsonException($"The JSON value of feature '{name}' could not be converted to System.Double. Path: {path}.", path, null, null);
    }
}
