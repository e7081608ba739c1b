using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Turns a raw JSON body of <c>arbitrex.ml.outcome</c> into a checked <see cref="TradeOutcome"/>, or refuses it naming the
/// field. Outcomes arrive at the bar rate, so a body of the contract's plain shape is read in one forward pass; any other
/// body (an unknown or repeated key, a null, a quoted number, a named literal, bad JSON) is read by the contract
/// deserialiser, which accepts or refuses it with its reason: the one pass only ever accepts what that one accepts too.
/// </summary>
public static class OutcomeReader
{
    /// <summary>A key given twice is refused, as for bars: which value the publisher meant cannot be told.</summary>
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <exception cref="OutcomeRefusedException">The body is not a valid outcome.</exception>
    public static TradeOutcome Read(ReadOnlySpan<byte> body) =>
        Validate(TryReadPlain(body) ?? ReadWithContract(body));

    /// <summary>
    /// The outcome of a body made of the contract's keys only, each once, with values of their own JSON type (strings,
    /// <c>true</c>/<c>false</c>, a number or <c>null</c> for the optional ones); null for any other body.
    /// </summary>
    internal static TradeOutcome? TryReadPlain(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? decisionId = null, symbol = null, timeframe = null;
            DateTime barTime = default;
            DateTime? closedAt = null;
            double? realizedReturn = null;
            var success = false;
            var seen = PlainFields.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                if (field == PlainFields.None || (seen & field) != 0 || !reader.Read())
                {
                    return null;
                }

                seen |= field;
                var token = reader.TokenType;
                switch (field)
                {
                    case PlainFields.DecisionId when token == JsonTokenType.String:
                        decisionId = reader.GetString();
                        break;
                    case PlainFields.Symbol when token == JsonTokenType.String:
                        symbol = reader.GetString();
                        break;
                    case PlainFields.Timeframe when token == JsonTokenType.String:
                        timeframe = reader.GetString();
                        break;
                    case PlainFields.BarTime when token == JsonTokenType.String && reader.TryGetDateTime(out var bar):
                        barTime = bar;
                        break;
                    case PlainFields.Success when token is JsonTokenType.True or JsonTokenType.False:
                        success = reader.GetBoolean();
                        break;
                    case PlainFields.RealizedReturn when token == JsonTokenType.Number && reader.TryGetDouble(out var realized):
                        realizedReturn = realized;
                        break;
                    case PlainFields.ClosedAt when token == JsonTokenType.String && reader.TryGetDateTime(out var closed):
                        closedAt = closed;
                        break;
                    case PlainFields.RealizedReturn or PlainFields.ClosedAt when token == JsonTokenType.Null:
                        break;
                    default:
                        return null;
                }
            }

            // The object must be closed and be the whole body (trailing bytes make the reader throw).
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || (seen & PlainFields.Required) != PlainFields.Required)
            {
                return null;
            }

            return new TradeOutcome
            {
                DecisionId = decisionId!,
                Symbol = symbol!,
                Timeframe = timeframe!,
                BarTime = barTime,
                Success = success,
                RealizedReturn = realizedReturn,
                ClosedAt = closedAt,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Bad JSON, or a string that is not valid UTF-8: the contract's reading gives the reason.
            return null;
        }
    }

    private static PlainFields FieldOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            return PlainFields.None;
        }

        var name = reader.ValueSpan;
        return name switch
        {
            _ when name.SequenceEqual("decision_id"u8) => PlainFields.DecisionId,
            _ when name.SequenceEqual("symbol"u8) => PlainFields.Symbol,
            _ when name.SequenceEqual("timeframe"u8) => PlainFields.Timeframe,
            _ when name.SequenceEqual("bar_time"u8) => PlainFields.BarTime,
            _ when name.SequenceEqual("success"u8) => PlainFields.Success,
            _ when name.SequenceEqual("realized_return"u8) => PlainFields.RealizedReturn,
            _ when name.SequenceEqual("closed_at"u8) => PlainFields.ClosedAt,
            _ => PlainFields.None,
        };
    }

    /// <summary>The contract's own reading: refuses with the reason (malformed JSON, not an object, a field of the wrong type or missing).</summary>
    private static TradeOutcome ReadWithContract(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(NonFiniteJsonLiterals.Quote(body) ?? body.ToArray(), ReaderOptions);
        }
        catch (JsonException ex)
        {
            throw new OutcomeRefusedException(OutcomeRefusedException.Malformed, $"malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OutcomeRefusedException(OutcomeRefusedException.Malformed, $"malformed outcome: expected a JSON object, got {document.RootElement.ValueKind}");
            }

            try
            {
                return document.RootElement.Deserialize<TradeOutcome>(ContractJson.Options)!;
            }
            catch (JsonException ex)
            {
                throw new OutcomeRefusedException(OutcomeRefusedException.Invalid, $"invalid outcome: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Checks the fields the contract cannot express; returns the outcome with <c>bar_time</c> in UTC.</summary>
    /// <exception cref="OutcomeRefusedException">A field is empty or out of range; the message names it.</exception>
    public static TradeOutcome Validate(TradeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (string.IsNullOrWhiteSpace(outcome.DecisionId))
        {
            throw Invalid("decision_id is empty");
        }

        DateTime barTime;
        try
        {
            barTime = BarKeyRules.Validate(outcome.Symbol, outcome.Timeframe, outcome.BarTime);
        }
        catch (InvalidInputException ex)
        {
            throw new OutcomeRefusedException(OutcomeRefusedException.Invalid, $"invalid outcome: {ex.Message}", ex);
        }

        if (outcome.RealizedReturn is { } realized && !double.IsFinite(realized))
        {
            throw Invalid("realized_return is not a finite number");
        }

        return outcome with { BarTime = barTime, ClosedAt = outcome.ClosedAt is { } closed ? AsUtc(closed) : null };
    }

    private static OutcomeRefusedException Invalid(string what) => new(OutcomeRefusedException.Invalid, "invalid outcome: " + what);

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    [Flags]
    private enum PlainFields
    {
        None = 0,
        DecisionId = 1,
        Symbol = 2,
        Timeframe = 4,
        BarTime = 8,
        Success = 16,
        RealizedReturn = 32,
        ClosedAt = 64,
        Required = DecisionId | Symbol | Timeframe | BarTime | Success,
    }
}
