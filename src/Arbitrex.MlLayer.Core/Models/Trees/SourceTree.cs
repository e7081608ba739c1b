namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// One tree as a reader finds it in a file: node arrays indexed alike, node 0 the root, a leaf marked by
/// <c>Left == -1</c>. A split sends a value left when <c>value &lt;= Threshold</c> (after the missing-value
/// rules of its <see cref="SplitMissingType"/>); <see cref="Value"/> is the leaf's output; <see cref="Cover"/>
/// is the training weight (hessian sum or row count) that reached the node.
/// </summary>
internal sealed record SourceTree(
    int[] Left, int[] Right, int[] Feature, double[] Threshold, SplitMissingType[] MissingType, bool[] DefaultLeft,
    double[] Value, double[] Cover);
