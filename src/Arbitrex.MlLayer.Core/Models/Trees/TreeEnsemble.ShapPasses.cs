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

        // Per edge of the current tree (its child's index − root): o of the edges repeated below (combined with
        // the edges above on their feature), for the deeper edges to combine with; and o − z of every edge.
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
            Start(root, tree + 1 < e._treeRoots.Length ? e._treeRoots[tree + 1] : e.NodeCount, rule);
            var runs = e._runs.AsSpan(e._treeRunStart[tree], e._treeRunStart[tree + 1] - e._treeRunStart[tree]);
            foreach (var run in runs)
            {
                switch (run.Kind & 3)
                {
                    case 0: Down<PlainEdge>(run, root, rule); break;
                    case RepeatedAbove: Down<EdgeRepeatedAbove>(run, root, rule); break;
                    case RepeatedBelow: Down<EdgeRepeatedBelow>(run, root, rule); break;
                    default: Down<EdgeRepeatedAboveAndBelow>(run, root, rule); break;
                }
            }

            for (var r = runs.Length - 1; r >= 0; r--)
            {
                switch (runs[r].Kind & 3)
                {
                    case 0: Up<PlainEdge>(runs[r], rule); break;
                    case RepeatedAbove: Up<EdgeRepeatedAbove>(runs[r], rule); break;
                    case RepeatedBelow: Up<EdgeRepeatedBelow>(runs[r], rule); break;
                    default: Up<EdgeRepeatedAboveAndBelow>(runs[r], rule); break;
                }
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

        private readonly void Down<TLeft>(ShapRun run, int root, GaussLegendre rule)
            where TLeft : struct, IShapEdgeKind
        {
            switch (run.Kind >> 2)
            {
                case 0: Down<TLeft, PlainEdge>(run, root, rule); break;
                case RepeatedAbove: Down<TLeft, EdgeRepeatedAbove>(run, root, rule); break;
                case RepeatedBelow: Down<TLeft, EdgeRepeatedBelow>(run, root, rule); break;
                default: Down<TLeft, EdgeRepeatedAboveAndBelow>(run, root, rule); break;
            }
        }

        private readonly void Up<TLeft>(ShapRun run, GaussLegendre rule)
            where TLeft : struct, IShapEdgeKind
        {
            switch (run.Kind >> 2)
            {
                case 0: Up<TLeft, PlainEdge>(run, rule); break;
                case RepeatedAbove: Up<TLeft, EdgeRepeatedAbove>(run, rule); break;
                case RepeatedBelow: Up<TLeft, EdgeRepeatedBelow>(run, rule); break;
                default: Up<TLeft, EdgeRepeatedAboveAndBelow>(run, rule); break;
            }
        }

        /// <summary>Parents before children: where the row goes at each split, each edge's o − z, and P of its child.</summary>
        private readonly void Down<TLeft, TRight>(ShapRun run, int root, GaussLegendre rule)
            where TLeft : struct, IShapEdgeKind
            where TRight : struct, IShapEdgeKind
        {
            var e = _ensemble;
            var vectors = rule.NodeVectors.Length;
            ref var values = ref MemoryMarshal.GetReference(_values);
            ref var feature = ref MemoryMarshal.GetArrayDataReference(e._walkFeature);
            ref var threshold = ref MemoryMarshal.GetArrayDataReference(e._walkThreshold);
            ref var packed = ref MemoryMarshal.GetArrayDataReference(e._walkRightAndFlags);
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var splits = ref MemoryMarshal.GetArrayDataReference(e._splits);
            ref var product = ref MemoryMarshal.GetReference(_product);
            ref var inverse = ref MemoryMarshal.GetReference(_inverse);
            ref var excluded = ref MemoryMarshal.GetReference(_excluded);
            ref var one = ref MemoryMarshal.GetReference(_one);
            ref var coefficients = ref MemoryMarshal.GetReference(_coefficient);
            for (var i = run.Start; i < run.End; i++)
            {
                var split = Unsafe.Add(ref splits, i);
                var node = root + split.Node;
                double goesLeft = Unsafe.BitCast<bool, byte>(Step<ZeroAsMissingValues>(node, ref values, ref feature, ref threshold, ref packed) == node + 1);
                var left = split.Node + 1;
                var leftSlope = Vector256.Create(Coefficient<TLeft>(ref one, ref coefficients, left, split.LeftAncestor, goesLeft, split.LeftZero));
                var rightSlope = Vector256.Create(Coefficient<TRight>(ref one, ref coefficients, split.Right, split.RightAncestor, 1 - goesLeft, split.RightZero));
                var (leftZero, rightZero) = (Vector256.Create(split.LeftZero), Vector256.Create(split.RightZero));
                ref var parentProduct = ref Unsafe.Add(ref product, split.Node * vectors);
                for (var v = 0; v < vectors; v++)
                {
                    var t = Unsafe.Add(ref points, v);
                    var parent = Unsafe.Add(ref parentProduct, v);
                    var leftFactor = Factor<TLeft>(ref inverse, ref excluded, leftSlope, t, leftZero, (left * vectors) + v, (split.LeftAncestor * vectors) + v);
                    var rightFactor = Factor<TRight>(ref inverse, ref excluded, rightSlope, t, rightZero, (split.Right * vectors) + v, (split.RightAncestor * vectors) + v);
                    Unsafe.Add(ref product, (left * vectors) + v) = parent * leftFactor;
                    Unsafe.Add(ref product, (split.Right * vectors) + v) = parent * rightFactor;
                }
            }
        }

        /// <summary>Children before parents: D of each split, and its edges' shares of its feature.</summary>
        private readonly void Up<TLeft, TRight>(ShapRun run, GaussLegendre rule)
            where TLeft : struct, IShapEdgeKind
            where TRight : struct, IShapEdgeKind
        {
            var vectors = rule.NodeVectors.Length;
            ref var points = ref MemoryMarshal.GetArrayDataReference(rule.NodeVectors);
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_ensemble._splits);
            ref var product = ref MemoryMarshal.GetReference(_product);
            ref var below = ref MemoryMarshal.GetReference(_below);
            ref var inverse = ref MemoryMarshal.GetReference(_inverse);
            ref var excluded = ref MemoryMarshal.GetReference(_excluded);
            ref var coefficients = ref MemoryMarshal.GetReference(_coefficient);
            ref var phi = ref MemoryMarshal.GetReference(_phi);
            for (var i = run.End - 1; i >= run.Start; i--)
            {
                var split = Unsafe.Add(ref splits, i);
                var left = split.Node + 1;
                var leftSlope = Vector256.Create(Unsafe.Add(ref coefficients, left));
                var rightSlope = Vector256.Create(Unsafe.Add(ref coefficients, split.Right));
                var (leftZero, rightZero) = (Vector256.Create(split.LeftZero), Vector256.Create(split.RightZero));
                ref var share = ref Unsafe.Add(ref phi, split.Feature * _phiStride);
                for (var v = 0; v < vectors; v++)
                {
                    var t = Unsafe.Add(ref points, v);
                    var parent = Unsafe.Add(ref product, (split.Node * vectors) + v);
                    var (leftFactor, leftSettled) = Settle<TLeft>(
                        ref product, ref below, ref inverse, ref excluded, parent, leftSlope, t, leftZero, (left * vectors) + v, (split.LeftAncestor * vectors) + v);
                    var (rightFactor, rightSettled) = Settle<TRight>(
                        ref product, ref below, ref inverse, ref excluded, parent, rightSlope, t, rightZero, (split.Right * vectors) + v, (split.RightAncestor * vectors) + v);
                    Unsafe.Add(ref below, (split.Node * vectors) + v) = Vector256.FusedMultiplyAdd(
                        leftFactor, Unsafe.Add(ref below, (left * vectors) + v), rightFactor * Unsafe.Add(ref below, (split.Right * vectors) + v));
                    ref var featureShare = ref Unsafe.Add(ref share, v);
                    featureShare += Vector256.FusedMultiplyAdd(leftSlope, leftSettled, rightSlope * rightSettled);
                }
            }
        }

        /// <summary>The edge's one fraction, combined with its ancestor's (kept for the edges below), and o − z.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Coefficient<TKind>(ref double one, ref double coefficients, int child, int ancestor, double isOne, double zero)
            where TKind : struct, IShapEdgeKind
        {
            if (TKind.Above)
            {
                isOne *= Unsafe.Add(ref one, ancestor);
            }

            if (TKind.Below)
            {
                Unsafe.Add(ref one, child) = isOne;
            }

            return Unsafe.Add(ref coefficients, child) = isOne - zero;
        }

        /// <summary>The edge's factor in P: F = z + (o − z)·t, over its ancestor's where the feature repeats.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Factor<TKind>(
            ref Vector256<double> inverse, ref Vector256<double> excluded, Vector256<double> slope, Vector256<double> t, Vector256<double> zero, int child, int ancestor)
            where TKind : struct, IShapEdgeKind
        {
            var factor = Vector256.FusedMultiplyAdd(slope, t, zero);
            if (TKind.Below)
            {
                Unsafe.Add(ref inverse, child) = Vector256<double>.One / factor;
                Unsafe.Add(ref excluded, child) = Vector256<double>.Zero;
            }

            return TKind.Above ? factor * Unsafe.Add(ref inverse, ancestor) : factor;
        }

        /// <summary>The edge's factor in P and the sum over the leaves it settles without that factor (to weigh by o − z).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (Vector256<double> Factor, Vector256<double> Settled) Settle<TKind>(
            ref Vector256<double> product, ref Vector256<double> below, ref Vector256<double> inverse, ref Vector256<double> excluded,
            Vector256<double> parent, Vector256<double> slope, Vector256<double> t, Vector256<double> zero, int child, int ancestor)
            where TKind : struct, IShapEdgeKind
        {
            var childBelow = Unsafe.Add(ref below, child);
            var factor = Vector256.FusedMultiplyAdd(slope, t, zero);
            var settled = parent * childBelow;
            if (TKind.Above)
            {
                // The leaves below are this edge's, not its ancestor's.
                var ancestorInverse = Unsafe.Add(ref inverse, ancestor);
                factor *= ancestorInverse;
                settled *= ancestorInverse;
                ref var ancestorExcluded = ref Unsafe.Add(ref excluded, ancestor);
                ancestorExcluded = Vector256.FusedMultiplyAdd(Unsafe.Add(ref product, child), childBelow, ancestorExcluded);
            }

            if (TKind.Below)
            {
                settled -= Unsafe.Add(ref excluded, child) * Unsafe.Add(ref inverse, child);
            }

            return (factor, settled);
        }
    }
}
