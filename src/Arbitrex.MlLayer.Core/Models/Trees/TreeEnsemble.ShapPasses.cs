using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The two passes of Linear TreeSHAP over one tree for one row (see the remarks on the other part of this class).</summary>
internal sealed partial class TreeEnsemble
{
    private ref struct ShapPasses
    {
        private readonly TreeEnsemble _ensemble;
        private readonly ReadOnlySpan<double> _values;

        // Per feature, _maxVectors vectors of its share so far, one lane per quadrature point.
        private readonly Span<Vector256<double>> _phi;

        // Per node of the current tree (index − root), as many vectors as the tree's rule has: P, D, and for the
        // edges repeated below, 1/F_comb and the leaf sums their deeper edges settle.
        private readonly Span<Vector256<double>> _product;
        private readonly Span<Vector256<double>> _below;
        private readonly Span<Vector256<double>> _inverse;
        private readonly Span<Vector256<double>> _excluded;

        // Per edge of the current tree (index of the child − root): o − z, and o of the repeated edges.
        private readonly Span<double> _coefficient;
        private readonly Span<double> _one;
        private readonly int _phiStride;

        public ShapPasses(TreeEnsemble ensemble, ReadOnlySpan<double> values, Span<Vector256<double>> phi, Span<double> scratch, int treeLength)
        {
            _ensemble = ensemble;
            _values = values;
            _phi = phi;
            _phiStride = ensemble._maxVectors;
            var vectors = MemoryMarshal.Cast<double, Vector256<double>>(scratch[..(4 * treeLength)]);
            var perTree = treeLength / Vector256<double>.Count;
            _product = vectors[..perTree];
            _below = vectors.Slice(perTree, perTree);
            _inverse = vectors.Slice(2 * perTree, perTree);
            _excluded = vectors.Slice(3 * perTree, perTree);
            _coefficient = scratch.Slice(4 * treeLength, ensemble._maxTreeNodes);
            _one = scratch.Slice((4 * treeLength) + ensemble._maxTreeNodes, ensemble._maxTreeNodes);
        }

        public readonly void Explain(int tree)
        {
            var e = _ensemble;
            if (e._treeSplitStart[tree] == e._treeSplitStart[tree + 1])
            {
                return;
            }

            var rule = e._treeRule[tree];
            var vectors = rule.NodeVectors.Length;
            if (vectors == 1)
            {
                Down(tree, rule, 1);
                Up(tree, rule, 1);
            }
            else
            {
                Down(tree, rule, vectors);
                Up(tree, rule, vectors);
            }
        }

        /// <summary>P for every node, o − z for every edge; parents before children.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void Down(int tree, GaussLegendre rule, int vectors)
        {
            var e = _ensemble;
            var root = e._treeRoots[tree];
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var product = ref MemoryMarshal.GetReference(_product);
            for (var v = 0; v < vectors; v++)
            {
                Unsafe.Add(ref product, v) = Vector256<double>.One;
            }

            for (var s = e._treeSplitStart[tree]; s < e._treeSplitStart[tree + 1]; s++)
            {
                var node = e._splitOrder[s];
                var left = node + 1;
                var right = e._rightChild[node];
                var leftOne = e.NextNode(node, _values[e._splitFeature[node]]) == left ? 1d : 0d;
                if ((e._repeats[node] & ChildRepeated) != 0)
                {
                    DownRepeated(node, left, leftOne, root, rule, vectors);
                    DownRepeated(node, right, 1 - leftOne, root, rule, vectors);
                    continue;
                }

                var leftZero = e._zeroFraction[left];
                var rightZero = e._zeroFraction[right];
                var leftCoefficient = leftOne - leftZero;
                var rightCoefficient = 1 - leftOne - rightZero;
                _coefficient[left - root] = leftCoefficient;
                _coefficient[right - root] = rightCoefficient;
                ref var parentProduct = ref Unsafe.Add(ref product, (node - root) * vectors);
                ref var leftProduct = ref Unsafe.Add(ref product, (left - root) * vectors);
                ref var rightProduct = ref Unsafe.Add(ref product, (right - root) * vectors);
                for (var v = 0; v < vectors; v++)
                {
                    var t = Unsafe.Add(ref points, v);
                    var parent = Unsafe.Add(ref parentProduct, v);
                    Unsafe.Add(ref leftProduct, v) = parent * Vector256.FusedMultiplyAdd(Vector256.Create(leftCoefficient), t, Vector256.Create(leftZero));
                    Unsafe.Add(ref rightProduct, v) = parent * Vector256.FusedMultiplyAdd(Vector256.Create(rightCoefficient), t, Vector256.Create(rightZero));
                }
            }
        }

        private readonly void DownRepeated(int node, int child, double isOne, int root, GaussLegendre rule, int vectors)
        {
            var e = _ensemble;
            var ancestor = e._repeatAncestor[child];
            var one = ancestor >= 0 ? isOne * _one[ancestor - root] : isOne;
            var zero = e._zeroFraction[child];
            var coefficient = one - zero;
            _one[child - root] = one;
            _coefficient[child - root] = coefficient;
            var repeatedBelow = (e._repeats[child] & RepeatedBelow) != 0;
            for (var v = 0; v < vectors; v++)
            {
                var factor = Vector256.FusedMultiplyAdd(Vector256.Create(coefficient), rule.NodeVectors[v], Vector256.Create(zero));
                if (repeatedBelow)
                {
                    _inverse[((child - root) * vectors) + v] = Vector256<double>.One / factor;
                    _excluded[((child - root) * vectors) + v] = Vector256<double>.Zero;
                }

                if (ancestor >= 0)
                {
                    factor *= _inverse[((ancestor - root) * vectors) + v];
                }

                _product[((child - root) * vectors) + v] = _product[((node - root) * vectors) + v] * factor;
            }
        }

        /// <summary>D for every node and each edge's share; children before parents.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void Up(int tree, GaussLegendre rule, int vectors)
        {
            var e = _ensemble;
            var root = e._treeRoots[tree];
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var weights = ref MemoryMarshal.GetArrayDataReference(rule.WeightVectors);
            ref var product = ref MemoryMarshal.GetReference(_product);
            ref var below = ref MemoryMarshal.GetReference(_below);
            for (var l = e._treeLeafStart[tree]; l < e._treeLeafStart[tree + 1]; l++)
            {
                var leaf = e._leafOrder[l];
                var value = Vector256.Create(e._leafValue[leaf]);
                ref var leafBelow = ref Unsafe.Add(ref below, (leaf - root) * vectors);
                for (var v = 0; v < vectors; v++)
                {
                    Unsafe.Add(ref leafBelow, v) = value * Unsafe.Add(ref weights, v);
                }
            }

            for (var s = e._treeSplitStart[tree + 1] - 1; s >= e._treeSplitStart[tree]; s--)
            {
                var node = e._splitOrder[s];
                var left = node + 1;
                var right = e._rightChild[node];
                var feature = e._splitFeature[node];
                if ((e._repeats[node] & ChildRepeated) != 0)
                {
                    UpRepeated(node, left, right, root, rule, vectors);
                    continue;
                }

                var leftZero = Vector256.Create(e._zeroFraction[left]);
                var rightZero = Vector256.Create(e._zeroFraction[right]);
                var leftCoefficient = Vector256.Create(_coefficient[left - root]);
                var rightCoefficient = Vector256.Create(_coefficient[right - root]);
                ref var nodeProduct = ref Unsafe.Add(ref product, (node - root) * vectors);
                ref var nodeBelow = ref Unsafe.Add(ref below, (node - root) * vectors);
                ref var leftBelow = ref Unsafe.Add(ref below, (left - root) * vectors);
                ref var rightBelow = ref Unsafe.Add(ref below, (right - root) * vectors);
                ref var phi = ref Unsafe.Add(ref MemoryMarshal.GetReference(_phi), feature * _phiStride);
                for (var v = 0; v < vectors; v++)
                {
                    var t = Unsafe.Add(ref points, v);
                    var leftSum = Unsafe.Add(ref leftBelow, v);
                    var rightSum = Unsafe.Add(ref rightBelow, v);
                    var leftFactor = Vector256.FusedMultiplyAdd(leftCoefficient, t, leftZero);
                    var rightFactor = Vector256.FusedMultiplyAdd(rightCoefficient, t, rightZero);
                    Unsafe.Add(ref nodeBelow, v) = Vector256.FusedMultiplyAdd(leftFactor, leftSum, rightFactor * rightSum);
                    var settled = Vector256.FusedMultiplyAdd(leftCoefficient, leftSum, rightCoefficient * rightSum);
                    Unsafe.Add(ref phi, v) = Vector256.FusedMultiplyAdd(Unsafe.Add(ref nodeProduct, v), settled, Unsafe.Add(ref phi, v));
                }
            }
        }

        private readonly void UpRepeated(int node, int left, int right, int root, GaussLegendre rule, int vectors)
        {
            var e = _ensemble;
            var phiStart = e._splitFeature[node] * _phiStride;
            var nodeAt = (node - root) * vectors;
            for (var v = 0; v < vectors; v++)
            {
                _below[nodeAt + v] = Vector256<double>.Zero;
            }

            foreach (var child in (ReadOnlySpan<int>)[left, right])
            {
                var ancestor = e._repeatAncestor[child];
                var repeatedBelow = (e._repeats[child] & RepeatedBelow) != 0;
                var coefficient = Vector256.Create(_coefficient[child - root]);
                var zero = Vector256.Create(e._zeroFraction[child]);
                var childAt = (child - root) * vectors;
                var ancestorAt = (ancestor - root) * vectors;
                for (var v = 0; v < vectors; v++)
                {
                    var childBelow = _below[childAt + v];
                    var factor = Vector256.FusedMultiplyAdd(coefficient, rule.NodeVectors[v], zero);
                    var settled = _product[nodeAt + v] * childBelow;
                    if (ancestor >= 0)
                    {
                        var inverse = _inverse[ancestorAt + v];
                        factor *= inverse;
                        settled *= inverse;
                        _excluded[ancestorAt + v] += _product[childAt + v] * childBelow;
                    }

                    if (repeatedBelow)
                    {
                        settled -= _excluded[childAt + v] * _inverse[childAt + v];
                    }

                    _below[nodeAt + v] += factor * childBelow;
                    _phi[phiStart + v] += coefficient * settled;
                }
            }
        }
    }
}
