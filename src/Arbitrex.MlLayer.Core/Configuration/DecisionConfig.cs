namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>The gates of the decision logic, checked in order after QSE validity.</summary>
public sealed record DecisionConfig
{
    public IReadOnlyList<string> AllowedRegimes { get; init; } = ["TRENDING"];

    /// <summary>The regime confidence must be strictly above this.</summary>
    public double MinRegimeConfidence { get; init; } = 0.6;

    /// <summary>The signal success probability must be strictly above this.</summary>
    public double MinSignalProbability { get; init; } = 0.55;
}
