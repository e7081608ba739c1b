using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Training.Data;

/// <summary>The columns a labelled data set must hold: <c>bar_time</c>, the 16 canonical features and <c>label</c>. Other columns are ignored.</summary>
public static class DataSetColumns
{
    public const string BarTime = "bar_time";
    public const string Label = "label";

    /// <summary>Every required column, in the order the sample file writes them.</summary>
    public static IReadOnlyList<string> Required { get; } = [BarTime, .. CanonicalFeatures.All, Label];
}
