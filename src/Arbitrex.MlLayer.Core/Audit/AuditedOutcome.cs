namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The payload of an audit record of type <c>outcome</c>: a trade outcome as it was received, joined with the decision it
/// refers to (<c>signal_prob</c>, <c>allowed</c>, <c>regime</c>, <c>model_versions</c>, <c>config_hash</c>, named as in
/// the decision records). Record type <see cref="AuditRecordTypes.Outcome"/>, one per <c>decision_id</c>; <c>train --from-audit</c> labels the decisions with them.
/// </summary>
public sealed record AuditedOutcome
{
    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    /// <summary>Open time of the decided bar, UTC.</summary>
    public required DateTime BarTime { get; init; }

    public required bool Success { get; init; }

    public double? RealizedReturn { get; init; }

    public DateTime? ClosedAt { get; init; }

    /// <summary>The decision's <c>signal.success_probability</c>.</summary>
    public required double SignalProb { get; init; }

    /// <summary>The decision's <c>allow_trade</c>.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The decision's regime label.</summary>
    public required string Regime { get; init; }

    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }

    public required string ConfigHash { get; init; }
}
