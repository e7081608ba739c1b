namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// What became of a trade the layer decided on, published by the signal generator or a backtester to
/// <c>arbitrex.ml.outcome</c> with routing key <c>SYMBOL.TIMEFRAME</c>.
/// </summary>
public sealed record TradeOutcome
{
    /// <summary>The <see cref="MlDecision.DecisionId"/> of the decision the trade followed.</summary>
    public required string DecisionId { get; init; }

    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    /// <summary>Open time of the decided bar, UTC.</summary>
    public required DateTime BarTime { get; init; }

    /// <summary>Whether the trade worked: the label live quality is measured against.</summary>
    public required bool Success { get; init; }

    /// <summary>The trade's return, when the publisher knows it.</summary>
    public double? RealizedReturn { get; init; }

    /// <summary>When the trade was closed, UTC, when the publisher knows it.</summary>
    public DateTime? ClosedAt { get; init; }
}
