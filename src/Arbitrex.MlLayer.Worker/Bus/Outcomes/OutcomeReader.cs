using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>Turns a raw JSON body of <c>arbitrex.ml.outcome</c> into a checked <see cref="TradeOutcome"/>, or refuses it naming the field.</summary>
public static class OutcomeReader
{
    /// <summary>A key given twice is refused, as for bars: which value the publisher meant cannot be told.</summary>
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 16, AllowDuplicateProperties = false };

    /// <exception cref="OutcomeRefusedException">The body is not a valid outcome.</exception>
    public static TradeOutcome Read(ReadOnlySpan<byte> body)
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

            TradeOutcome outcome;
            try
            {
                outcome = document.RootElement.Deserialize<TradeOutcome>(ContractJson.Options)!;
            }
            catch (JsonException ex)
            {
                throw new OutcomeRefusedException(OutcomeRefusedException.Invalid, $"invalid outcome: {ex.Message}", ex);
            }

            return Validate(outcome);
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
