namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// An outcome joined to the decision it refers to: the pair live quality is computed from.
/// </summary>
/// <param name="DecisionId">The decision's id.</param>
/// <param name="SignalFilterVersion">The signal filter version that made the decision (or the shadow version scored).</param>
/// <param name="RegimeClassifierVersion">The regime classifier version that made the decision.</param>
/// <param name="Regime">The decision's regime label.</param>
/// <param name="SuccessProbability">The decision's <c>signal.success_probability</c>.</param>
/// <param name="AllowTrade">The decision's <c>allow_trade</c>.</param>
/// <param name="Success">The outcome's label.</param>
/// <param name="RealizedReturn">The outcome's return, when known.</param>
/// <param name="BarTime">The decided bar's open time, UTC.</param>
/// <param name="RecordedAt">When the outcome was recorded, UTC: the time the sliding window ages by.</param>
public sealed record ScoredOutcome(
    string DecisionId,
    string SignalFilterVersion,
    string RegimeClassifierVersion,
    string Regime,
    double SuccessProbability,
    bool AllowTrade,
    bool Success,
    double? RealizedReturn,
    DateTime BarTime,
    DateTime RecordedAt);
