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
}
