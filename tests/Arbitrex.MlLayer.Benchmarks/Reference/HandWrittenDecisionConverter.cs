using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Benchmarks.Reference;

/// <summary>
/// The hand-written <see cref="MlDecision"/> writer the contract used before its generated metadata
/// (<see cref="ContractJsonContext"/>): member by member, byte for byte what the serializer writes with the same
/// options. Kept as the baseline of <see cref="DecisionSerializerBenchmarks"/>.
/// </summary>
public sealed class HandWrittenDecisionConverter : JsonConverter<MlDecision>
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> ReadOptions = [];

    public override MlDecision? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<MlDecision>(ref reader, ReadOptions.GetValue(options, WithoutThisConverter));

    public override void Write(Utf8JsonWriter writer, MlDecision value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        writer.WriteString("decision_id"u8, value.DecisionId);
        writer.WriteString("symbol"u8, value.Symbol);
        writer.WriteString("timeframe"u8, value.Timeframe);
        writer.WriteString("bar_time"u8, value.BarTime);
        writer.WriteString("timestamp"u8, value.Timestamp);
        writer.WriteBoolean("allow_trade"u8, value.AllowTrade);

        var regime = value.Regime;
        writer.WriteStartObject("regime"u8);
        writer.WriteString("regime_label"u8, regime.RegimeLabel);
        WriteNumber(writer, "confidence"u8, regime.Confidence, options);
        WriteNumber(writer, "efficiency_ratio"u8, regime.EfficiencyRatio, options);
        writer.WriteStartObject("probabilities"u8);
        foreach (var (label, probability) in regime.Probabilities)
        {
            writer.WritePropertyName(label);
            WriteNumberValue(writer, probability, options);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();

        var signal = value.Signal;
        writer.WriteStartObject("signal"u8);
        WriteNumber(writer, "success_probability"u8, signal.SuccessProbability, options);
        writer.WriteBoolean("should_enter"u8, signal.ShouldEnter);
        writer.WriteBoolean("should_exit"u8, signal.ShouldExit);
        writer.WriteString("confidence_level"u8, signal.ConfidenceLevel);
        writer.WriteStartArray("top_features"u8);
        foreach (var feature in signal.TopFeatures)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, feature.Name);
            WriteNumber(writer, "importance"u8, feature.Importance, options);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("decision_reasons"u8);
        foreach (var reason in value.DecisionReasons)
        {
            writer.WriteStringValue(reason);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("qse_valid"u8, value.QseValid);
        WriteNumber(writer, "processing_time_ms"u8, value.ProcessingTimeMs, options);
        writer.WriteString("config_hash"u8, value.ConfigHash);
        writer.WriteStartObject("model_versions"u8);
        foreach (var (model, version) in value.ModelVersions)
        {
            writer.WriteString(model, version);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double value, JsonSerializerOptions options)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value, options);
    }

    // As the serializer: a non-finite number is the string "NaN"/"Infinity"/"-Infinity" when the options
    // allow named literals, and an error otherwise.
    private static void WriteNumberValue(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else if ((options.NumberHandling & JsonNumberHandling.AllowNamedFloatingPointLiterals) != 0)
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            throw new ArgumentException($"{value} is not a valid JSON number; the options do not allow named floating-point literals.", nameof(value));
        }
    }

    private JsonSerializerOptions WithoutThisConverter(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Remove(this);
        copy.MakeReadOnly(populateMissingResolver: true);
        return copy;
    }
}
