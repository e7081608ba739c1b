namespace Arbitrex.MlLayer.Training.LightGbm;

/// <summary>
/// One regression tree as Microsoft.ML evaluates it: internal node <c>n</c> sends a row left when
/// <c>(float)x[SplitFeatures[n]] &lt;= Thresholds[n]</c> (a NaN goes right), children are node indexes,
/// or <c>~leaf</c> (a negative number) for a leaf; the same child encoding as LightGBM's text model.
/// </summary>
public sealed record ExportedTree
{
    public required IReadOnlyList<int> SplitFeatures { get; init; }

    public required IReadOnlyList<float> Thresholds { get; init; }

    public required IReadOnlyList<int> LeftChild { get; init; }

    public required IReadOnlyList<int> RightChild { get; init; }

    public required IReadOnlyList<double> LeafValues { get; init; }

    /// <summary>The gain of each split (informational; LightGBM's <c>split_gain</c>).</summary>
    public required IReadOnlyList<double> SplitGains { get; init; }

    /// <summary>The leaf a row of 32-bit features reaches, by Microsoft.ML's rule.</summary>
    public int LeafOf(ReadOnlySpan<float> features)
    {
        var node = 0;
        while (node >= 0)
        {
            // float.NaN <= t is false: a NaN goes right, as in Microsoft.ML when no default value for missing is set.
            node = features[SplitFeatures[node]] <= Thresholds[node] ? LeftChild[node] : RightChild[node];
        }

        return ~node;
    }
}
