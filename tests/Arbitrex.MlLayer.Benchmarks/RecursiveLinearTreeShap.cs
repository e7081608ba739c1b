using System.Buffers;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The engine's previous Linear TreeSHAP (until 2026-12-04), kept as the benchmark's baseline: one recursive
/// depth-first walk per tree over the quadrature points in spans, the factor's inverse divided per edge. The
/// engine's now (<c>TreeEnsemble.Shap.cs</c>) computes the same values in two flat passes over vectors. One file
/// because it is that implementation as it was, walk included.
/// </summary>
internal sealed class RecursiveLinearTreeShap
{
    private const byte RepeatedAbove = 1;
    private const byte RepeatedBelow = 2;

    private readonly TreeEnsemble _tree;
    private readonly int[] _splitFeature;
    private readonly int[] _rightChild;
    private readonly double[] _leafValue;
    private readonly double[] _cover;
    private readonly int[] _treeRoots;
    private double[] _treeExpectation = [];
    private double[] _edgeRatio = [];
    private double[] _inverseEdgeRatio = [];
    private Rule[] _treeRule = [];
    private byte[] _repeats = [];
    private int _maxPoints;

    private int FeatureCount { get; }

    public RecursiveLinearTreeShap(TreeEnsemble tree)
    {
        _tree = tree;
        _splitFeature = tree.SplitFeatures.ToArray();
        _rightChild = tree.RightChildren.ToArray();
        _leafValue = tree.LeafValues.ToArray();
        _cover = tree.Covers.ToArray();
        _treeRoots = tree.TreeRoots.ToArray();
        FeatureCount = tree.FeatureCount;

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
        var rules = new Dictionary<int, Rule>();
        _treeRule = new Rule[_treeRoots.Length];
        var counts = new int[FeatureCount];
        var nearest = new int[FeatureCount];
        Array.Fill(nearest, -1);
        _repeats = new byte[_splitFeature.Length];
        for (var t = 0; t < _treeRoots.Length; t++)
        {
            MarkRepeats(_treeRoots[t], nearest);
            var points = Math.Max(1, (MostUniqueFeatures(_treeRoots[t], counts, 0) + 1) / 2);
            _treeRule[t] = rules.TryGetValue(points, out var rule) ? rule : rules[points] = new Rule(GaussLegendre.Create(points));
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

    /// <summary>
    /// TreeSHAP per feature plus the bias (<paramref name="baseMargin"/> plus every tree's expected value) in the
    /// last slot, as xgboost's <c>pred_contribs=True</c> and LightGBM's <c>C_API_PREDICT_CONTRIB</c>.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions)
    {
        var featureCount = FeatureCount;
        var points = _maxPoints;
        var levelLength = ShapWalk.LevelSlots * points;
        var length = featureCount + (3 * featureCount) + (2 * featureCount * points) + ((_tree.MaxDepth + 1) * levelLength);
        double[]? rented = null;
        try
        {
            var scratch = length <= 2048
                ? stackalloc double[length]
                : (rented = ArrayPool<double>.Shared.Rent(length)).AsSpan(0, length);
            var values = scratch[..featureCount];
            _tree.ConvertRow(row, values);
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

    private ref struct ShapWalk
    {
        /// <summary>Per tree level: the factor product coming down, the leaf sum going up, two saved states, the edge's inverse factor.</summary>
        public const int LevelSlots = 5;

        private readonly RecursiveLinearTreeShap _ensemble;
        private readonly ReadOnlySpan<double> _values;
        private readonly Span<double> _phi;

        // Per feature split on both above and below the current edge: the zero fraction, its inverse and the
        // one fraction on the current path, the inverse of its factor at each point, and the leaf sum of the
        // deeper edges of the same feature, which the nearest edge above excludes. Read only where the node's
        // repeat bits say the feature is on the path; otherwise the feature is absent (fractions 1, factor 1).
        private readonly Span<double> _zero;
        private readonly Span<double> _inverseZero;
        private readonly Span<double> _one;
        private readonly Span<double> _inverseFactor;
        private readonly Span<double> _excluded;
        private readonly Span<double> _levels;
        private readonly int _stride;
        private Rule _rule;
        private int _points;

        public ShapWalk(RecursiveLinearTreeShap ensemble, ReadOnlySpan<double> values, Span<double> phi, Span<double> scratch, int maxPoints)
        {
            _ensemble = ensemble;
            _values = values;
            _phi = phi;
            var features = values.Length;
            _stride = maxPoints;
            _zero = scratch[..features];
            _inverseZero = scratch.Slice(features, features);
            _one = scratch.Slice(2 * features, features);
            _inverseFactor = scratch.Slice(3 * features, features * maxPoints);
            _excluded = scratch.Slice((3 * features) + (features * maxPoints), features * maxPoints);
            _levels = scratch[((3 * features) + (2 * features * maxPoints))..];
            _rule = null!;
        }

        public void Explain(int root, Rule rule)
        {
            _rule = rule;
            _points = rule.Nodes.Length;
            _levels[.._points].Fill(1);
            Visit(root, 0);
        }

        private readonly Span<double> Level(int level, int slot) => _levels.Slice((level * LevelSlots * _stride) + (slot * _stride), _points);

        private void Visit(int node, int level)
        {
            var product = Level(level, 0);
            var sum = Level(level, 1);
            var feature = _ensemble._splitFeature[node];
            if (feature < 0)
            {
                var leaf = _ensemble._leafValue[node];
                for (var q = 0; q < product.Length; q++)
                {
                    sum[q] = leaf * product[q];
                }

                return;
            }

            sum.Clear();
            var hot = _ensemble._tree.ChildFor(node, _values[feature]);
            var cold = hot == node + 1 ? _ensemble._rightChild[node] : node + 1;
            var repeats = _ensemble._repeats[node];
            Follow(hot, feature, isHot: true, level, repeats);
            Follow(cold, feature, isHot: false, level, repeats);
        }

        private void Follow(int child, int feature, bool isHot, int level, byte repeats)
        {
            var above = (repeats & RepeatedAbove) != 0;
            var below = (repeats & RepeatedBelow) != 0;
            var product = Level(level, 0);
            var inverse = Level(level, 4);
            var childProduct = Level(level + 1, 0);
            var childSum = Level(level + 1, 1);
            var inverseFactor = _inverseFactor.Slice(feature * _stride, _points);
            var excluded = _excluded.Slice(feature * _stride, _points);

            double oldZero = 1, oldInverseZero = 1, oldOne = 1;
            if (above)
            {
                (oldZero, oldInverseZero, oldOne) = (_zero[feature], _inverseZero[feature], _one[feature]);
            }

            var zero = oldZero * _ensemble._edgeRatio[child];
            var inverseZero = oldInverseZero * _ensemble._inverseEdgeRatio[child];
            var one = isHot ? oldOne : 0;
            Factor(zero, inverseZero, one, product, above ? inverseFactor : default, inverse, childProduct);

            var savedFactor = Level(level, 2);
            var savedExcluded = Level(level, 3);
            if (below)
            {
                if (above)
                {
                    inverseFactor.CopyTo(savedFactor);
                    excluded.CopyTo(savedExcluded);
                }

                inverse.CopyTo(inverseFactor);
                excluded.Clear();
                (_zero[feature], _inverseZero[feature], _one[feature]) = (zero, inverseZero, one);
            }

            Visit(child, level + 1);

            var sum = Level(level, 1);
            var weights = _rule.Weights;
            var integral = 0d;
            for (var q = 0; q < inverse.Length; q++)
            {
                var settled = below ? childSum[q] - excluded[q] : childSum[q];
                integral += weights[q] * settled * inverse[q];
                sum[q] += childSum[q];
            }

            _phi[feature] += (one - zero) * integral;
            if (above)
            {
                // This edge's leaves are settled here, not by the nearest edge above on the same feature.
                var accumulated = below ? savedExcluded : excluded;
                for (var q = 0; q < excluded.Length; q++)
                {
                    excluded[q] = accumulated[q] + childSum[q];
                }

                if (below)
                {
                    savedFactor.CopyTo(inverseFactor);
                    (_zero[feature], _inverseZero[feature], _one[feature]) = (oldZero, oldInverseZero, oldOne);
                }
            }
        }

        /// <summary>
        /// The edge's factor z(1 − t) + o·t at each point: its inverse, and the product coming down with the feature's
        /// previous factor (inverse given by <paramref name="oldInverse"/>, empty when absent) replaced by it.
        /// </summary>
        private readonly void Factor(
            double zero, double inverseZero, double one, Span<double> product, Span<double> oldInverse, Span<double> inverse, Span<double> childProduct)
        {
            if (one == 0)
            {
                // z(1 - t) needs no division: 1/z and 1/(1 - t) are known.
                var oneMinus = _rule.OneMinusNodes;
                var inverseOneMinus = _rule.InverseOneMinusNodes;
                for (var q = 0; q < inverse.Length; q++)
                {
                    inverse[q] = inverseZero * inverseOneMinus[q];
                    childProduct[q] = product[q] * zero * oneMinus[q];
                }
            }
            else
            {
                var nodes = _rule.Nodes;
                for (var q = 0; q < inverse.Length; q++)
                {
                    var factor = zero + ((1 - zero) * nodes[q]);
                    inverse[q] = 1 / factor;
                    childProduct[q] = product[q] * factor;
                }
            }

            if (!oldInverse.IsEmpty)
            {
                for (var q = 0; q < childProduct.Length; q++)
                {
                    childProduct[q] *= oldInverse[q];
                }
            }
        }
    }

    /// <summary>A Gauss–Legendre rule with the node terms the walk uses.</summary>
    private sealed class Rule(GaussLegendre rule)
    {
        public double[] Nodes { get; } = rule.Nodes;

        public double[] Weights { get; } = rule.Weights;

        public double[] OneMinusNodes { get; } = [.. rule.Nodes.Select(t => 1 - t)];

        public double[] InverseOneMinusNodes { get; } = [.. rule.Nodes.Select(t => 1 / (1 - t))];
    }
}
