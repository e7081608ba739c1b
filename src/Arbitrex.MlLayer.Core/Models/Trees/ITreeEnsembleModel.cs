namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// A binary tree-ensemble classifier, whatever library trained it. Rows are spans of doubles in
/// <see cref="FeatureNames"/> order; <see cref="double.NaN"/> marks a missing value.
/// </summary>
public interface ITreeEnsembleModel
{
    /// <summary>Feature names in the order rows must follow.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    int FeatureCount { get; }

    /// <summary>Length of a contributions span: one slot per feature, then the bias.</summary>
    int ContributionCount { get; }

    int TreeCount { get; }

    /// <summary>Probability of the positive class, as the training library predicts it.</summary>
    double PredictProbability(ReadOnlySpan<double> row);

    /// <summary>Exact TreeSHAP contributions to the raw score: one per feature in model order, the bias last.</summary>
    void PredictContributions(ReadOnlySpan<double> row, Span<double> contributions);
}
