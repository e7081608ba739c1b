namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>
/// A trained binary tree ensemble as Microsoft.ML serves it:
/// <c>score = (float)(Bias + Σ TreeWeights[t] · tree_t(x))</c>, <c>p = 1 / (1 + exp(PlattSlope · score + PlattOffset))</c>.
/// </summary>
public sealed record ExportedEnsemble
{
    public required IReadOnlyList<ExportedTree> Trees { get; init; }

    public required IReadOnlyList<double> TreeWeights { get; init; }

    public double Bias { get; init; }

    /// <summary>The Platt calibrator's slope; Microsoft.ML's LightGBM sets it to <c>-sigmoid</c>.</summary>
    public required double PlattSlope { get; init; }

    /// <summary>The Platt calibrator's offset; 0 for Microsoft.ML's LightGBM.</summary>
    public double PlattOffset { get; init; }

    /// <summary>Microsoft.ML's probability for a row of 32-bit features, computed the way it computes it.</summary>
    public double Probability(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        for (var t = 0; t < Trees.Count; t++)
        {
            sum += TreeWeights[t] * Trees[t].LeafValues[Trees[t].LeafOf(features)];
        }

        var score = (float)sum;
        return 1.0 / (1.0 + Math.Exp((PlattSlope * score) + PlattOffset));
    }
}
