using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Json;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Turns a raw JSON body of <c>arbitrex.ml.outcome</c> into a checked <see cref="TradeOutcome"/>, or refuses it naming the
/// field. Outcomes arrive at the bar rate, so a body is read in one pass of the contract deserialiser (a key given twice
/// refused, see <see cref="InboundJson"/>); a body it refuses is read again as a document only to say why.
/// </summary>
public static class OutcomeReader
{
    /// <exception cref="OutcomeRefusedException">The body is not a valid outcome.</exception>
    public static TradeOutcome Read(ReadOnlySpan<byte> body)
    {
        var quoted = NonFiniteJsonLiterals.Quote(body);
        var json = quoted is null ? body : quoted;
        TradeOutcome? outcome;
        try
        {
            outcome = JsonSerializer.Deserialize(json, InboundJson.TradeOutcome);
        }
        catch (JsonException ex)
        {
            throw Refusal(json, ex);
        }

        return Validate(outcome ?? throw Refusal(json, null));
    }

    /// <summary>
    /// Why the deserialiser refused <paramref name="json"/> (<paramref name="error"/>; null for a JSON <c>null</c>): malformed
    /// JSON, not an object, or a field of the wrong type or missing, named in words without the serializer's .NET type names.
    /// </summary>
    private static OutcomeRefusedException Refusal(ReadOnlySpan<byte> json, JsonException? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), InboundJson.DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new OutcomeRefusedException(OutcomeRefusedException.Malformed, $"malformed JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var kind = document.RootElement.ValueKind;
            return kind != JsonValueKind.Object || error is null
                ? new OutcomeRefusedException(OutcomeRefusedException.Malformed, $"malformed outcome: expected a JSON object, got {kind}")
                : new OutcomeRefusedException(OutcomeRefusedException.Invalid, $"invalid outcome: {JsonProblemText.Describe(error).Message}", error);
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
}
