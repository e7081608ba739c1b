using System.Buffers;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Exact TreeSHAP in time linear in the tree's size (Linear TreeSHAP, Yu et al. 2022), the same values as
/// Lundberg et al.'s Algorithm 2 (xgboost's <c>pred_contribs</c>, LightGBM's <c>pred_contrib</c>).
/// </summary>
/// <remarks>
/// For a leaf of value v whose path holds the unique features U, each with zero fraction z (the product of its
/// edges' cover ratios) and one fraction o (1 when the row follows all its edges, else 0), feature j receives
/// (o_j − z_j)·v·∫₀¹ Π_{k∈U, k≠j} (z_k(1−t) + o_k t) dt: the Shapley weights |S|!(|U|−|S|−1)!/|U|! are Beta
/// integrals. The integrand is a polynomial of degree below |U|, so Gauss–Legendre quadrature with
/// ⌈max|U|/2⌉ points per tree is exact. One depth-first walk carries the product of the factors down and the
/// leaves' sums back up, so every edge settles its feature's share for all the leaves below it at once (a leaf
/// whose path meets the feature again deeper is settled by that deeper edge and excluded here): O(nodes ×
/// points) per tree instead of Algorithm 2's O(leaves × depth²).
/// </remarks>
internal sealed partial class TreeEnsemble
{
    private double[] _treeExpectation = [];
    private double[] _edgeRatio = [];
    private double[] _inverseEdgeRatio = [];
    private GaussLegendre[] _treeRule = [];
    private byte[] _repeats = [];
    private int _maxPoints;

    /// <summary>Bits of <see cref="_repeats"/>: the split's feature is also split on above the node, or below it.</summary>
    private const byte RepeatedAbove = 1;
    private const byte RepeatedBelow = 2;

    /// <summary>
    /// TreeSHAP per feature plus the bias (<paramref name="baseMargin"/> plus every tree's expected value) in the
    /// last slot, as xgboost's <c>pred_contribs=True</c> and LightGBM's <c>C_API_PREDICT_CONTRIB</c>.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions)
    {
        var featureCount = FeatureCount;
        var points = _maxPoints;
        var levelLength = ShapWalk.LevelSlots * points;
        var length = featureCount + (3 * featureCount) + (2 * featureCount * points) + ((MaxDepth + 1) * levelLength);
        double[]? rented = null;
        try
        {
            var scratch = length <= StackallocLimit * 4
                ? stackalloc double[length]
                : (rented = ArrayPool<double>.Shared.Rent(length)).AsSpan(0, length);
            var values = scratch[..featureCount];
            Convert(row, values);
            var phi = contributions[..(featureCount + 1)];
            phi.Clear();
            var walk = new ShapWalk(this, values, phi, scratch[featureCount..], points);
            for (var t = 0; t < _treeRoots.Length; t++)
            {
                walk.Explain(_treeRoots[t], _treeRule[t]);
                phi[featureCount] += _treeExpectation[t];
            }

            phi[featureCount] += baseMargin;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private void InitializeShap()
    {
        // Children come after their parent in pre-order, so one backward pass sees children first.
        var mean = new double[_splitFeature.Length];
        _edgeRatio = new double[_splitFeature.Length];
        _inverseEdgeRatio = new double[_splitFeature.Length];
        for (var node = mean.Length - 1; node >= 0; node--)
        {
            if (_splitFeature[node] < 0)
            {
                mean[node] = _leafValue[node];
                continue;
            }

            var left = node + 1;
            var right = _rightChild[node];
            mean[node] = ((mean[left] * _cover[left]) + (mean[right] * _cover[right])) / _cover[node];
            foreach (var child in (ReadOnlySpan<int>)[left, right])
            {
                _edgeRatio[child] = _cover[child] / _cover[node];
                _inverseEdgeRatio[child] = _cover[node] / _cover[child];
            }
        }

        _treeExpectation = [.. _treeRoots.Select(root => mean[root])];
        var rules = new Dictionary<int, GaussLegendre>();
        _treeRule = new GaussLegendre[_treeRoots.Length];
        var counts = new int[FeatureCount];
        var nearest = new int[FeatureCount];
        Array.Fill(nearest, -1);
        _repeats = new byte[_splitFeature.Length];
        for (var t = 0; t < _treeRoots.Length; t++)
        {
            MarkRepeats(_treeRoots[t], nearest);
            var points = Math.Max(1, (MostUniqueFeatures(_treeRoots[t], counts, 0) + 1) / 2);
            _treeRule[t] = rules.TryGetValue(points, out var rule) ? rule : rules[points] = GaussLegendre.Create(points);
            _maxPoints = Math.Max(_maxPoints, points);
        }
    }

    /// <summary>
    /// Marks each split whose feature an ancestor splits on too, and each whose feature a descendant splits on:
    /// the walk keeps per-feature state only for those.
    /// </summary>
    private void MarkRepeats(int node, int[] nearest)
    {
        var feature = _splitFeature[node];
        if (feature < 0)
        {
            return;
        }

        var ancestor = nearest[feature];
        if (ancestor >= 0)
        {
            _repeats[node] |= RepeatedAbove;
            _repeats[ancestor] |= RepeatedBelow;
        }

        nearest[feature] = node;
        MarkRepeats(node + 1, nearest);
        MarkRepeats(_rightChild[node], nearest);
        nearest[feature] = ancestor;
    }

    /// <summary>The largest number of distinct features on a path from <paramref name="node"/> to a leaf.</summary>
    private int MostUniqueFeatures(int node, int[] counts, int unique)
    {
        var feature = _splitFeature[node];
        if (feature < 0)
        {
            return unique;
        }

        var added = counts[feature]++ == 0 ? 1 : 0;
        var most = Math.Max(
            MostUniqueFeatures(node + 1, counts, unique + added),
            MostUniqueFeatures(_rightChild[node], counts, unique + added));
        counts[feature]--;
        return most;
    }
}
