namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>A logged decision that the replayed engine decides differently.</summary>
public sealed record AuditReplayChange
{
    public required long Sequence { get; init; }

    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    public required DateTime BarTime { get; init; }

    public required bool AllowedBefore { get; init; }

    public required bool AllowedAfter { get; init; }

    public required string RegimeBefore { get; init; }

    public required string RegimeAfter { get; init; }

    public required double SignalProbBefore { get; init; }

    public required double SignalProbAfter { get; init; }

    public required IReadOnlyList<string> ReasonsBefore { get; init; }

    public required IReadOnlyList<string> ReasonsAfter { get; init; }

    public bool AllowChanged => AllowedBefore != AllowedAfter;

    public bool RegimeChanged => !string.Equals(RegimeBefore, RegimeAfter, StringComparison.Ordinal);

    public bool ReasonsChanged => !ReasonsBefore.SequenceEqual(ReasonsAfter, StringComparer.Ordinal);
}
