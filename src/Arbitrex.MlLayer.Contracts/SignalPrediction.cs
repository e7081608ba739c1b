namespace Arbitrex.MlLayer.Contracts;

/// <summary>The signal filter's output for one bar.</summary>
public sealed record SignalPrediction
{
    /// <summary>Probability that a trade on this bar succeeds, 0–1.</summary>
    public required double SuccessProbability { get; init; }

    public required bool ShouldEnter { get; init; }

    public required bool ShouldExit { get; init; }

    /// <summary><c>LOW</c>, <c>MEDIUM</c> or <c>HIGH</c>.</summary>
    public required string ConfidenceLevel { get; init; }

    /// <summary>The (at most) five features that moved this prediction most, largest first.</summary>
    public required IReadOnlyList<FeatureContribution> TopFeatures { get; init; }
}
