namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// The ML layer's verdict on one bar, published to <c>arbitrex.ml.decision</c> with routing key
/// <c>SYMBOL.TIMEFRAME</c>. <see cref="DecisionId"/> is derived from the bar key, so every
/// redelivery of the same bar carries the same id.
/// </summary>
public sealed record MlDecision
{
    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    public required DateTime BarTime { get; init; }

    /// <summary>When the decision was made, UTC.</summary>
    public required DateTime Timestamp { get; init; }

    public required bool AllowTrade { get; init; }

    public required RegimePrediction Regime { get; init; }

    public required SignalPrediction Signal { get; init; }

    /// <summary>Why the trade was allowed or suppressed; a suppressed bar names the first failed check.</summary>
    public required IReadOnlyList<string> DecisionReasons { get; init; }

    public required bool QseValid { get; init; }

    public required double ProcessingTimeMs { get; init; }

    public required string ConfigHash { get; init; }

    /// <summary>Model name to the version that produced this decision.</summary>
    public required IReadOnlyDictionary<string, string> ModelVersions { get; init; }
}
