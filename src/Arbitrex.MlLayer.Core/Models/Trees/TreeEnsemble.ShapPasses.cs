using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The two passes of Linear TreeSHAP over one tree for one row (see the remarks on the Shap part of this class).</summary>
/// <remarks>
/// The loops have no data-dependent branches: the row's direction at a split becomes a one fraction of 0 or 1, and
/// each run of edges has one kind. The layout at load guarantees every index (nodes of the current tree, features
/// below FeatureCount), so the loops skip bounds checks.
/// </remarks>
internal sealed partial class TreeEnsemble
{
    private ref struct ShapPasses
    {
        private readonly TreeEnsemble _ensemble;
        private readonly ReadOnlySpan<double> _values;

        // Per feature, _phiStride vectors of its share so far, one lane per quadrature point (weighted).
        private readonly Span<Vector256<double>> _phi;
        private readonly int _phiStride;

        // Per node of the current tree (index − root), as many vectors as the tree's rule has: P, D, and for the
        // edges repeated below, 1/F_comb and the leaf sums their deeper edges settle.
        private readonly Span<Vector256<double>> _product;
        private readonly Span<Vector256<double>> _below;
        private readonly Span<Vector256<double>> _inverse;
        private readonly Span<Vector256<double>> _excluded;

        // Per edge of the current tree (its child's index − root): o, combined with the edges above on its
        // feature once the down pass has passed it, and o − z.
        private readonly Span<double> _one;
        private readonly Span<double> _coefficient;

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
            _one = scratch.Slice(4 * treeLength, ensemble._maxTreeNodes);
            _coefficient = scratch.Slice((4 * treeLength) + ensemble._maxTreeNodes, ensemble._maxTreeNodes);
        }

        public readonly void Explain(int tree)
        {
            var e = _ensemble;
            if (e._treeSplitStart[tree] == e._treeSplitStart[tree + 1])
            {
                return;
            }

            var rule = e._treeRule[tree];
            var root = e._treeRoots[tree];
            var end = tree + 1 < e._treeRoots.Length ? e._treeRoots[tree + 1] : e.NodeCount;
            Directions(tree, root);
            Start(root, end, rule);
            var runs = e._runs.AsSpan(e._treeRunStart[tree], e._treeRunStart[tree + 1] - e._treeRunStart[tree]);
            foreach (var run in runs)
            {
                switch (run.Kind)
                {
                    case 0: Down<PlainEdge>(run, rule); break;
                    case RepeatedAbove: Down<EdgeRepeatedAbove>(run, rule); break;
                    case RepeatedBelow: Down<EdgeRepeatedBelow>(run, rule); break;
                    default: Down<EdgeRepeatedAboveAndBelow>(run, rule); break;
                }
            }

            for (var r = runs.Length - 1; r >= 0; r--)
            {
                switch (runs[r].Kind)
                {
                    case 0: Up<PlainEdge>(runs[r], rule); break;
                    case RepeatedAbove: Up<EdgeRepeatedAbove>(runs[r], rule); break;
                    case RepeatedBelow: Up<EdgeRepeatedBelow>(runs[r], rule); break;
                    default: Up<EdgeRepeatedAboveAndBelow>(runs[r], rule); break;
                }
            }
        }

        /// <summary>The row's one fraction of each edge on its own: 1 for the child the row goes to, 0 for the other.</summary>
        private readonly void Directions(int tree, int root)
        {
            var e = _ensemble;
            ref var values = ref MemoryMarshal.GetReference(_values);
            ref var feature = ref MemoryMarshal.GetArrayDataReference(e._walkFeature);
            ref var threshold = ref MemoryMarshal.GetArrayDataReference(e._walkThreshold);
            ref var packed = ref MemoryMarshal.GetArrayDataReference(e._walkRightAndFlags);
            ref var one = ref MemoryMarshal.GetReference(_one);
            for (var s = e._treeSplitStart[tree]; s < e._treeSplitStart[tree + 1]; s++)
            {
                var node = e._splitOrder[s];
                var next = Step<ZeroAsMissingValues>(node, ref values, ref feature, ref threshold, ref packed);
                double goesLeft = Unsafe.BitCast<bool, byte>(next == node + 1);
                Unsafe.Add(ref one, node + 1 - root) = goesLeft;
                Unsafe.Add(ref one, e._rightChild[node] - root) = 1 - goesLeft;
            }
        }

        /// <summary>P = 1 at the root; D = v·weights at each leaf, 0 at each split (its edges add to it).</summary>
        private readonly void Start(int root, int end, GaussLegendre rule)
        {
            var vectors = rule.NodeVectors.Length;
            ref var weights = ref MemoryMarshal.GetArrayDataReference(rule.WeightVectors);
            ref var leafValue = ref MemoryMarshal.GetArrayDataReference(_ensemble._leafValue);
            ref var below = ref MemoryMarshal.GetReference(_below);
            ref var product = ref MemoryMarshal.GetReference(_product);
            for (var v = 0; v < vectors; v++)
            {
                Unsafe.Add(ref product, v) = Vector256<double>.One;
            }

            for (var node = root; node < end; node++)
            {
                var value = Vector256.Create(Unsafe.Add(ref leafValue, node));
                ref var nodeBelow = ref Unsafe.Add(ref below, (node - root) * vectors);
                for (var v = 0; v < vectors; v++)
                {
                    Unsafe.Add(ref nodeBelow, v) = value * Unsafe.Add(ref weights, v);
                }
            }
        }

        /// <summary>Parents before children: each edge's o − z, and P of its child.</summary>
        private readonly void Down<TKind>(ShapRun run, GaussLegendre rule)
            where TKind : struct, IShapEdgeKind
        {
            var vectors = rule.NodeVectors.Length;
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var edges = ref MemoryMarshal.GetArrayDataReference(_ensemble._edges);
            ref var product = ref MemoryMarshal.GetReference(_product);
            ref var inverse = ref MemoryMarshal.GetReference(_inverse);
            ref var excluded = ref MemoryMarshal.GetReference(_excluded);
            ref var one = ref MemoryMarshal.GetReference(_one);
            ref var coefficients = ref MemoryMarshal.GetReference(_coefficient);
            for (var i = run.Start; i < run.End; i++)
            {
                var edge = Unsafe.Add(ref edges, i);
                var o = Unsafe.Add(ref one, edge.Child);
                if (TKind.Above)
                {
                    o *= Unsafe.Add(ref one, edge.Ancestor);
                }

                if (TKind.Below)
                {
                    Unsafe.Add(ref one, edge.Child) = o;
                }

                var coefficient = o - edge.Zero;
                Unsafe.Add(ref coefficients, edge.Child) = coefficient;
                var slope = Vector256.Create(coefficient);
                var zero = Vector256.Create(edge.Zero);
                var child = edge.Child * vectors;
                var parent = edge.Parent * vectors;
                var ancestor = edge.Ancestor * vectors;
                for (var v = 0; v < vectors; v++)
                {
                    var factor = Vector256.FusedMultiplyAdd(slope, Unsafe.Add(ref points, v), zero);
                    if (TKind.Below)
                    {
                        Unsafe.Add(ref inverse, child + v) = Vector256<double>.One / factor;
                        Unsafe.Add(ref excluded, child + v) = Vector256<double>.Zero;
                    }

                    if (TKind.Above)
                    {
                        factor *= Unsafe.Add(ref inverse, ancestor + v);
                    }

                    Unsafe.Add(ref product, child + v) = Unsafe.Add(ref product, parent + v) * factor;
                }
            }
        }

        /// <summary>Children before parents: D of each edge's parent, and the edge's share of its feature.</summary>
        private readonly void Up<TKind>(ShapRun run, GaussLegendre rule)
            where TKind : struct, IShapEdgeKind
        {
            var vectors = rule.NodeVectors.Length;
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var edges = ref MemoryMarshal.GetArrayDataReference(_ensemble._edges);
            ref var product = ref MemoryMarshal.GetReference(_product);
            ref var below = ref MemoryMarshal.GetReference(_below);
            ref var inverse = ref MemoryMarshal.GetReference(_inverse);
            ref var excluded = ref MemoryMarshal.GetReference(_excluded);
            ref var coefficients = ref MemoryMarshal.GetReference(_coefficient);
            ref var phi = ref MemoryMarshal.GetReference(_phi);
            for (var i = run.Start; i < run.End; i++)
            {
                var edge = Unsafe.Add(ref edges, i);
                var coefficient = Unsafe.Add(ref coefficients, edge.Child);
                var slope = Vector256.Create(coefficient);
                var zero = Vector256.Create(edge.Zero);
                var child = edge.Child * vectors;
                var parent = edge.Parent * vectors;
                var ancestor = edge.Ancestor * vectors;
                ref var share = ref Unsafe.Add(ref phi, edge.Feature * _phiStride);
                for (var v = 0; v < vectors; v++)
                {
                    var childBelow = Unsafe.Add(ref below, child + v);
                    var factor = Vector256.FusedMultiplyAdd(slope, Unsafe.Add(ref points, v), zero);
                    var settled = Unsafe.Add(ref product, parent + v) * childBelow;
                    if (TKind.Above)
                    {
                        var ancestorInverse = Unsafe.Add(ref inverse, ancestor + v);
                        factor *= ancestorInverse;
                        settled *= ancestorInverse;
                        ref var ancestorExcluded = ref Unsafe.Add(ref excluded, ancestor + v);
                        ancestorExcluded = Vector256.FusedMultiplyAdd(Unsafe.Add(ref product, child + v), childBelow, ancestorExcluded);
                    }

                    if (TKind.Below)
                    {
                        settled -= Unsafe.Add(ref excluded, child + v) * Unsafe.Add(ref inverse, child + v);
                    }

                    ref var parentBelow = ref Unsafe.Add(ref below, parent + v);
                    parentBelow = Vector256.FusedMultiplyAdd(factor, childBelow, parentBelow);
                    ref var featureShare = ref Unsafe.Add(ref share, v);
                    featureShare = Vector256.FusedMultiplyAdd(slope, settled, featureShare);
                }
            }
        }
    }
}
