using System.Text.Json.Serialization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// One line of <c>predictions.jsonl</c>: a decision, the inputs that produced it, and its place in the
/// hash chain. Flat snake_case JSON so that pandas and jq read it directly. The seed's fields
/// (<c>timestamp … config_hash</c>) keep their names; the rest of the decision is carried too, so a
/// record converts back to the <see cref="MlDecision"/> it came from (<see cref="ToDecision"/>).
/// </summary>
/// <remarks>
/// Members are declared in the order the writer puts them on the line: <c>sequence</c> first,
/// <c>prev_hash</c> and <c>hash</c> last. How <see cref="Hash"/> is computed is described on
/// <see cref="AuditLogWriter"/>.
/// </remarks>
public sealed record AuditRecord
{
    /// <summary>Position in the chain, 1 for the first record ever written, +1 per record across files.</summary>
    public required long Sequence { get; init; }

    /// <summary><see cref="AuditRecordTypes.ShadowDecision"/> on a shadow decision's line; absent (null) on a decision's.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RecordType { get; init; }

    public required string DecisionId { get; init; }

    /// <summary>Where the decision was asked for; records written before the field existed are bus decisions.</summary>
    public DecisionSource Source { get; init; } = DecisionSource.Bus;

    /// <summary>When the decision was made, UTC.</summary>
    public required DateTime Timestamp { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    public required DateTime BarTime { get; init; }

    /// <summary>The regime label (<see cref="RegimePrediction.RegimeLabel"/>).</summary>
    public required string Regime { get; init; }

    public required double RegimeConfidence { get; init; }

    public required IReadOnlyDictionary<string, double> RegimeProbabilities { get; init; }

    public required double EfficiencyRatio { get; init; }

    /// <summary>The signal filter's success probability.</summary>
    public required double SignalProb { get; init; }

    public required bool ShouldEnter { get; init; }

    public required bool ShouldExit { get; init; }

    public required string ConfidenceLevel { get; init; }

    public required IReadOnlyList<FeatureContribution> TopFeatures { get; init; }

    /// <summary>The decision's <c>allow_trade</c>.</summary>
    public required bool Allowed { get; init; }

    public required IReadOnlyList<string> DecisionReasons { get; init; }

    public required bool QseValid { get; init; }

    public required double ProcessingTimeMs { get; init; }

    public required string ConfigHash { get; init; }

    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }

    /// <summary>The feature snapshot the engine read; null for a fail-closed decision made without one.</summary>
    public required IReadOnlyDictionary<string, double>? Features { get; init; }

    /// <summary>The QSE output the engine read; null for a fail-closed decision made without one.</summary>
    public required AuditQse? Qse { get; init; }

    /// <summary>Lowercase hex SHA-256 of the previous record; 64 zeros for the first record ever written.</summary>
    public required string PrevHash { get; init; }

    /// <summary>Lowercase hex SHA-256 of this record's canonical content (which includes <see cref="PrevHash"/>).</summary>
    public required string Hash { get; init; }

    /// <summary>True when the record holds both halves of the bar, so the engine can recompute it.</summary>
    [JsonIgnore]
    public bool HasInputs => Features is not null && Qse is not null;

    /// <summary>
    /// The record for <paramref name="decision"/> before it has a place in the chain:
    /// <see cref="Sequence"/> is 0 and the hashes are empty until the writer assigns them.
    /// </summary>
    public static AuditRecord FromDecision(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, DecisionSource source = DecisionSource.Bus)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new AuditRecord
        {
            Sequence = 0,
            RecordType = source == DecisionSource.Shadow ? AuditRecordTypes.ShadowDecision : null,
            DecisionId = decision.DecisionId,
            Source = source,
            Timestamp = AsUtc(decision.Timestamp),
            Symbol = decision.Symbol,
            Timeframe = decision.Timeframe,
            BarTime = AsUtc(decision.BarTime),
            Regime = decision.Regime.RegimeLabel,
            RegimeConfidence = decision.Regime.Confidence,
            RegimeProbabilities = decision.Regime.Probabilities,
            EfficiencyRatio = decision.Regime.EfficiencyRatio,
            SignalProb = decision.Signal.SuccessProbability,
            ShouldEnter = decision.Signal.ShouldEnter,
            ShouldExit = decision.Signal.ShouldExit,
            ConfidenceLevel = decision.Signal.ConfidenceLevel,
            TopFeatures = decision.Signal.TopFeatures,
            Allowed = decision.AllowTrade,
            DecisionReasons = decision.DecisionReasons,
            QseValid = decision.QseValid,
            ProcessingTimeMs = decision.ProcessingTimeMs,
            ConfigHash = decision.ConfigHash,
            ModelVersions = decision.ModelVersions,
            Features = features,
            Qse = qse is null ? null : new AuditQse { SignalValid = qse.SignalValid, Gates = qse.Gates },
            PrevHash = string.Empty,
            Hash = string.Empty,
        };
    }

    /// <summary>The decision this record was written for.</summary>
    public MlDecision ToDecision() => MlDecisionFactory.Create(
        DecisionId, Symbol, Timeframe, BarTime, Timestamp, Allowed,
        Regime, RegimeConfidence, EfficiencyRatio, RegimeProbabilities,
        SignalProb, ShouldEnter, ShouldExit, ConfidenceLevel, TopFeatures,
        DecisionReasons, QseValid, ProcessingTimeMs, ConfigHash, ModelVersions);

    /// <summary>The QSE output the engine read, rebuilt with this record's bar key; null when none was logged.</summary>
    public QseOutput? ToQseOutput() => Qse is null
        ? null
        : new QseOutput { Symbol = Symbol, Timeframe = Timeframe, BarTime = BarTime, SignalValid = Qse.SignalValid, Gates = Qse.Gates };

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
