namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// The QSE half of a bar, published to <c>arbitrex.ml.qse-output</c> with routing key
/// <c>SYMBOL.TIMEFRAME</c>.
/// </summary>
public sealed record QseOutput
{
    public required string Symbol { get; init; }

    public required string Timeframe { get; init; }

    /// <summary>Open time of the bar, UTC.</summary>
    public required DateTime BarTime { get; init; }

    public required bool SignalValid { get; init; }

    public required QseGates Gates { get; init; }
}
