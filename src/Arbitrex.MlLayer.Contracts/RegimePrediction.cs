namespace Arbitrex.MlLayer.Contracts;

/// <summary>The regime classifier's output for one bar.</summary>
public sealed record RegimePrediction
{
    /// <summary><c>TRENDING</c>, <c>RANGING</c> or <c>STRESSED</c> (after temporal smoothing).</summary>
    public required string RegimeLabel { get; init; }

    /// <summary>Probability of <see cref="RegimeLabel"/>, 0–1.</summary>
    public required double Confidence { get; init; }

    public required double EfficiencyRatio { get; init; }

    /// <summary>A probability for every regime label; they sum to 1.</summary>
    public required IReadOnlyDictionary<string, double> Probabilities { get; init; }
}
