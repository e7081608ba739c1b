namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The depth-first walk of Linear TreeSHAP over one row (see the remarks on the other part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    private ref struct ShapWalk
    {
        /// <summary>Per tree level: the factor product coming down, the leaf sum going up, two saved states, the edge's inverse factor.</summary>
        public const int LevelSlots = 5;

        private readonly TreeEnsemble _ensemble;
        private readonly ReadOnlySpan<double> _values;
        private readonly Span<double> _phi;

        // Per feature: the zero fraction, its inverse and the one fraction of the feature on the current path
        // (1, 1, 1 when absent), the inverse of its factor at each point, and the leaf sum of the deeper edges
        // of the same feature, which the nearest edge above excludes.
        private readonly Span<double> _zero;
        private readonly Span<double> _inverseZero;
        private readonly Span<double> _one;
        private readonly Span<double> _inverseFactor;
        private readonly Span<double> _excluded;
        private readonly Span<double> _levels;
        private readonly int _stride;
        private GaussLegendre _rule;
        private int _points;

        public ShapWalk(TreeEnsemble ensemble, ReadOnlySpan<double> values, Span<double> phi, Span<double> scratch, int maxPoints)
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

        public void Explain(int root, GaussLegendre rule)
        {
            _rule = rule;
            _points = rule.Nodes.Length;
            _zero.Fill(1);
            _inverseZero.Fill(1);
            _one.Fill(1);
            _inverseFactor.Fill(1);
            _excluded.Clear();
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
            var hot = _ensemble.NextNode(node, _values[feature]);
            var cold = hot == node + 1 ? _ensemble._rightChild[node] : node + 1;
            Follow(hot, feature, isHot: true, level);
            Follow(cold, feature, isHot: false, level);
        }

        private void Follow(int child, int feature, bool isHot, int level)
        {
            var product = Level(level, 0);
            var sum = Level(level, 1);
            var savedFactor = Level(level, 2);
            var savedExcluded = Level(level, 3);
            var inverse = Level(level, 4);
            var childProduct = Level(level + 1, 0);
            var childSum = Level(level + 1, 1);
            var inverseFactor = _inverseFactor.Slice(feature * _stride, _points);
            var excluded = _excluded.Slice(feature * _stride, _points);

            var oldZero = _zero[feature];
            var oldInverseZero = _inverseZero[feature];
            var oldOne = _one[feature];
            var zero = oldZero * _ensemble._edgeRatio[child];
            var inverseZero = oldInverseZero * _ensemble._inverseEdgeRatio[child];
            var one = isHot ? oldOne : 0;
            var nodes = _rule.Nodes;
            if (one == 0)
            {
                // The factor z(1 - t) needs no division: 1/z and 1/(1 - t) are known.
                var oneMinus = _rule.OneMinusNodes;
                var inverseOneMinus = _rule.InverseOneMinusNodes;
                for (var q = 0; q < inverse.Length; q++)
                {
                    inverse[q] = inverseZero * inverseOneMinus[q];
                    childProduct[q] = product[q] * inverseFactor[q] * zero * oneMinus[q];
                }
            }
            else
            {
                for (var q = 0; q < inverse.Length; q++)
                {
                    var factor = zero + ((1 - zero) * nodes[q]);
                    inverse[q] = 1 / factor;
                    childProduct[q] = product[q] * inverseFactor[q] * factor;
                }
            }

            inverseFactor.CopyTo(savedFactor);
            excluded.CopyTo(savedExcluded);
            inverse.CopyTo(inverseFactor);
            excluded.Clear();
            _zero[feature] = zero;
            _inverseZero[feature] = inverseZero;
            _one[feature] = one;

            Visit(child, level + 1);

            var weights = _rule.Weights;
            var integral = 0d;
            for (var q = 0; q < inverse.Length; q++)
            {
                integral += weights[q] * (childSum[q] - excluded[q]) * inverse[q];
                sum[q] += childSum[q];
                excluded[q] = savedExcluded[q] + childSum[q];
            }

            _phi[feature] += (one - zero) * integral;
            savedFactor.CopyTo(inverseFactor);
            _zero[feature] = oldZero;
            _inverseZero[feature] = oldInverseZero;
            _one[feature] = oldOne;
        }
    }
}
