using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Json;

namespace Arbitrex.MlLayer.Worker.Bus.Inbound;

/// <summary>
/// Turns a raw JSON body into a validated <see cref="InboundHalf"/>. The exchange a message was published to
/// tells its kind (raw JSON carries no type header); a body delivered some other way is told by its fields.
/// </summary>
public static class InboundMessageReader
{
    /// <summary>
    /// Reads the body in one pass of the contract deserialiser (a key given twice refused, see <see cref="InboundJson"/>)
    /// and checks it. A body it refuses is read again as a document only to say why, so the bar path reads once.
    /// </summary>
    /// <exception cref="PoisonMessageException">The body is not a valid FeatureSnapshot or QseOutput.</exception>
    public static InboundHalf Read(string? exchange, ReadOnlySpan<byte> body)
    {
        var quoted = NonFiniteJsonLiterals.Quote(body);
        var json = quoted is null ? body : quoted;
        var kind = KindOf(exchange) ?? KindOfFields(json);
        try
        {
            return kind == HalfKind.FeatureSnapshot
                ? Validate(JsonSerializer.Deserialize(json, InboundJson.FeatureSnapshot) ?? throw NotAnObject(JsonValueKind.Null))
                : Validate(JsonSerializer.Deserialize(json, InboundJson.QseOutput) ?? throw NotAnObject(JsonValueKind.Null));
        }
        catch (JsonException ex)
        {
            throw Refusal(json, kind, ex);
        }
    }

    /// <exception cref="PoisonMessageException">A field is missing, a bar-key field the engine refuses, or not a finite number.</exception>
    public static InboundHalf Validate(FeatureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var barTime = ValidateKey(snapshot.Symbol, snapshot.Timeframe, snapshot.BarTime, HalfKindNames.FeatureSnapshot);
        var key = new BarKey(snapshot.Symbol, snapshot.Timeframe, barTime);
        if (snapshot.Features is null || snapshot.Features.Count == 0)
        {
            throw new PoisonMessageException("invalid feature_snapshot: features is missing or empty", key, HalfKind.FeatureSnapshot);
        }

        foreach (var (name, value) in snapshot.Features)
        {
            if (!double.IsFinite(value))
            {
                throw new PoisonMessageException($"invalid feature_snapshot: features.{name} is not a finite number", key, HalfKind.FeatureSnapshot);
            }
        }

        return InboundHalf.Of(snapshot with { BarTime = barTime });
    }

    /// <exception cref="PoisonMessageException">A field is missing, a bar-key field the engine refuses, or not a finite number.</exception>
    public static InboundHalf Validate(QseOutput qse)
    {
        ArgumentNullException.ThrowIfNull(qse);
        var barTime = ValidateKey(qse.Symbol, qse.Timeframe, qse.BarTime, HalfKindNames.QseOutput);
        var key = new BarKey(qse.Symbol, qse.Timeframe, barTime);
        if (qse.Gates is null)
        {
            throw new PoisonMessageException("invalid qse_output: gates is missing", key, HalfKind.QseOutput);
        }

        (string Name, QseGate? Gate)[] gates =
        [
            ("trend_persistence", qse.Gates.TrendPersistence), ("stationarity", qse.Gates.Stationarity),
            ("z_score", qse.Gates.ZScore), ("autocorrelation", qse.Gates.Autocorrelation),
            ("signal_validity", qse.Gates.SignalValidity),
        ];
        foreach (var (name, gate) in gates)
        {
            if (gate is null)
            {
                throw new PoisonMessageException($"invalid qse_output: gates.{name} is missing", key, HalfKind.QseOutput);
            }

            if (!double.IsFinite(gate.Value))
            {
                throw new PoisonMessageException($"invalid qse_output: gates.{name}.value is not a finite number", key, HalfKind.QseOutput);
            }
        }

        return InboundHalf.Of(qse with { BarTime = barTime });
    }

    /// <summary>
    /// Why the deserialiser refused <paramref name="json"/> (<paramref name="error"/>), worded for the error queue: malformed
    /// JSON or not an object (from <see cref="Document"/>), else the field in words, never the serializer's text with its
    /// .NET type names.
    /// </summary>
    private static PoisonMessageException Refusal(ReadOnlySpan<byte> json, HalfKind kind, JsonException error)
    {
        using var document = Document(json);
        var reason = $"invalid {HalfKindNames.Of(kind)}: {JsonProblemText.Describe(error).Message}";
        return KeyOf(document.RootElement) is { } key ? new PoisonMessageException(reason, key, kind) : new PoisonMessageException(reason, error);
    }

    /// <summary>The body as a document whose root is an object, or its refusal as malformed.</summary>
    private static JsonDocument Document(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), InboundJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"malformed JSON: {ex.Message}", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            using (document)
            {
                throw NotAnObject(document.RootElement.ValueKind);
            }
        }

        return document;
    }

    private static PoisonMessageException NotAnObject(JsonValueKind kind) =>
        new($"malformed message: expected a JSON object, got {kind}");

    /// <summary>The bar key of a body that does not deserialise, when its key fields are there and valid.</summary>
    private static BarKey? KeyOf(JsonElement root)
    {
        if (!root.TryGetProperty("symbol", out var symbol) || symbol.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("timeframe", out var timeframe) || timeframe.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("bar_time", out var barTime) || barTime.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            // Read and checked as the message itself would be, so the key is the one its partner has.
            var at = barTime.Deserialize(ContractJson.Options.TypeInfo<DateTime>());
            return new BarKey(symbol.GetString()!, timeframe.GetString()!, BarKeyRules.Validate(symbol.GetString()!, timeframe.GetString()!, at));
        }
        catch (Exception ex) when (ex is JsonException or InvalidInputException)
        {
            return null;
        }
    }

    /// <summary>The kind the input exchange says; null for a body delivered some other way.</summary>
    private static HalfKind? KindOf(string? exchange) => exchange switch
    {
        MessageExchanges.FeatureSnapshot => HalfKind.FeatureSnapshot,
        MessageExchanges.QseOutput => HalfKind.QseOutput,
        _ => null,
    };

    /// <summary>The kind of a body from no input exchange, told by its fields (read as a document: not the bus's path).</summary>
    private static HalfKind KindOfFields(ReadOnlySpan<byte> json)
    {
        using var document = Document(json);
        var root = document.RootElement;
        if (root.TryGetProperty("features", out _))
        {
            return HalfKind.FeatureSnapshot;
        }

        if (root.TryGetProperty("gates", out _) || root.TryGetProperty("signal_valid", out _))
        {
            return HalfKind.QseOutput;
        }

        throw new PoisonMessageException("unknown message kind: not published to an input exchange and has neither features nor gates");
    }

    /// <summary>
    /// Applies the engine's own bar-key rules. A key the engine refuses must fail here, at once: a lone half
    /// with it would otherwise wait for the join window and then make the engine refuse its fail-closed decision.
    /// </summary>
    private static DateTime ValidateKey(string symbol, string timeframe, DateTime barTime, string half)
    {
        try
        {
            return BarKeyRules.Validate(symbol, timeframe, barTime);
        }
        catch (InvalidInputException ex)
        {
            throw new PoisonMessageException($"invalid {half}: {ex.Message}", ex);
        }
    }
}
