using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.Inbound;

/// <summary>
/// Turns a raw JSON body into a validated <see cref="InboundHalf"/>. The exchange a message was published to
/// tells its kind (raw JSON carries no type header); a body delivered some other way is told by its fields.
/// </summary>
public static class InboundMessageReader
{
    /// <summary>A key given twice is refused: which value the upstream meant cannot be told, and last-wins hides it.</summary>
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <exception cref="PoisonMessageException">The body is not a valid FeatureSnapshot or QseOutput.</exception>
    public static InboundHalf Read(string? exchange, ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(NonFiniteJsonLiterals.Quote(body) ?? body.ToArray(), ReaderOptions);
        }
        catch (JsonException ex)
        {
            throw new PoisonMessageException($"malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PoisonMessageException($"malformed message: expected a JSON object, got {root.ValueKind}");
            }

            var kind = KindOf(exchange, root);
            try
            {
                return kind == HalfKind.FeatureSnapshot
                    ? Validate(root.Deserialize<FeatureSnapshot>(ContractJson.Options)!)
                    : Validate(root.Deserialize<QseOutput>(ContractJson.Options)!);
            }
            catch (JsonException ex)
            {
                var reason = $"invalid {HalfKindNames.Of(kind)}: {ex.Message}";
                throw KeyOf(root) is { } key ? new PoisonMessageException(reason, key, kind) : new PoisonMessageException(reason, ex);
            }
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
            var at = barTime.Deserialize<DateTime>(ContractJson.Options);
            return new BarKey(symbol.GetString()!, timeframe.GetString()!, BarKeyRules.Validate(symbol.GetString()!, timeframe.GetString()!, at));
        }
        catch (Exception ex) when (ex is JsonException or InvalidInputException)
        {
            return null;
        }
    }

    private static HalfKind KindOf(string? exchange, JsonElement root)
    {
        if (exchange == MessageExchanges.FeatureSnapshot)
        {
            return HalfKind.FeatureSnapshot;
        }

        if (exchange == MessageExchanges.QseOutput)
        {
            return HalfKind.QseOutput;
        }

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
