namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>What the window keeps of a <see cref="ScoredOutcome"/>: a small struct, so recording allocates nothing.</summary>
internal readonly record struct OutcomePoint(double Probability, bool Success, bool AllowTrade, int RegimeSlot, long RecordedTicks);
