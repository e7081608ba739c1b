using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// A decision in the seed's flat decision-history shape (<c>GET /metrics/decisions?view=seed</c>): the fields the
/// seed's client code reads (<c>regime</c> as the label, <c>signal_prob</c>, <c>allowed</c>), named as in the
/// audit log. A separate view rather than extra fields on <see cref="MlDecision"/>, because there
/// <c>regime</c> is the regime object and one name cannot carry both.
/// </summary>
public sealed record SeedDecisionRecord
{
    public required DateTime Timestamp { get; init; }

    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    public required DateTime BarTime { get; init; }

    public required string Regime { get; init; }

    public required double RegimeConfidence { get; init; }

    public required double SignalProb { get; init; }

    public required bool Allowed { get; init; }

    public required IReadOnlyList<string> DecisionReasons { get; init; }

    public required double ProcessingTimeMs { get; init; }

    public required string ConfigHash { get; init; }

    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }

    public static SeedDecisionRecord From(MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new SeedDecisionRecord
        {
            Timestamp = decision.Timestamp,
            DecisionId = decision.DecisionId,
            Symbol = decision.Symbol,
            Timeframe = decision.Timeframe,
            BarTime = decision.BarTime,
            Regime = decision.Regime.RegimeLabel,
            RegimeConfidence = decision.Regime.Confidence,
            SignalProb = decision.Signal.SuccessProbability,
            Allowed = decision.AllowTrade,
            DecisionReasons = decision.DecisionReasons,
            ProcessingTimeMs = decision.ProcessingTimeMs,
            ConfigHash = decision.ConfigHash,
            ModelVersions = decision.ModelVersions,
        };
    }
}
