using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The two passes of Linear TreeSHAP over one tree for one row (see the remarks on the Shap part of this class).</summary>
/// <remarks>
/// The loops have no data-dependent branches: the row's direction at a split becomes a one fraction of 0 or 1, and
/// each run's splits are of one kind. The layout at load guarantees every index (nodes of the current tree, features
/// below FeatureCount), so the loops skip bounds checks.
/// </remarks>
internal sealed partial class TreeEnsemble
{
    private readonly ref struct ShapPasses<TPoints>
        where TPoints : unmanaged, IShapPoints<TPoints>
    {
        private readonly TreeEnsemble _ensemble;
        private readonly ref double _values;

        // Per feature, its share so far in lanes of points (weighted).
        private readonly ref TPoints _shares;

        // Per node of the current tree (index − root): P, then D; per split repeating a feature, 1/F of the edge above.
        private readonly ref TPoints _nodes;
        private readonly ref TPoints _inverse;

        // Per edge of the current tree (its child's index − root): combined o, o − z and combined z.
        private readonly ref double _one;
        private readonly ref double _coefficient;
        private readonly ref double _zero;

        public ShapPasses(TreeEnsemble ensemble, ShapScratch scratch, Span<double> shares)
        {
            _ensemble = ensemble;
            _values = ref MemoryMarshal.GetReference(scratch.Values(ensemble.FeatureCount));
            _shares = ref Unsafe.As<double, TPoints>(ref MemoryMarshal.GetReference(shares));
            _nodes = ref Unsafe.As<double, TPoints>(ref scratch.Nodes);
            _inverse = ref Unsafe.As<double, TPoints>(ref scratch.Inverse);
            _one = ref scratch.One;
            _coefficient = ref scratch.Coefficient;
            _zero = ref scratch.Zero;
        }

        public void Explain(int tree)
        {
            var e = _ensemble;
            var root = e._treeRoots[tree];
            var rule = e._treeRule[tree];
            var runs = e._runs.AsSpan(e._treeRunStart[tree], e._treeRunStart[tree + 1] - e._treeRunStart[tree]);

            // More points than one vector holds: the passes again for each further vector of points.
            for (var block = 0; block < rule.Nodes.Length; block += TPoints.Count)
            {
                var t = Unsafe.ReadUnaligned<TPoints>(ref Unsafe.As<double, byte>(ref rule.PaddedNodes[block]));
                var weights = Unsafe.ReadUnaligned<TPoints>(ref Unsafe.As<double, byte>(ref rule.PaddedWeights[block]));
                _nodes = TPoints.One;
                foreach (var run in runs)
                {
                    if (run.Repeated)
                    {
                        Down<RepeatedSplit>(run, root, t, weights);
                    }
                    else
                    {
                        Down<FirstSplitOnFeature>(run, root, t, weights);
                    }
                }

                for (var r = runs.Length - 1; r >= 0; r--)
                {
                    if (runs[r].Repeated)
                    {
                        Up<RepeatedSplit>(runs[r], t);
                    }
                    else
                    {
                        Up<FirstSplitOnFeature>(runs[r], t);
                    }
                }
            }
        }

        /// <summary>Parents before children: where the row goes, each edge's fractions, P of both children and D of a leaf child.</summary>
        private void Down<TKind>(ShapRun run, int root, TPoints t, TPoints weights)
            where TKind : struct, IShapSplitKind
        {
            var e = _ensemble;
            ref var feature = ref MemoryMarshal.GetArrayDataReference(e._walkFeature);
            ref var threshold = ref MemoryMarshal.GetArrayDataReference(e._walkThreshold);
            ref var packed = ref MemoryMarshal.GetArrayDataReference(e._walkRightAndFlags);
            ref var leafValue = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(e._leafValue), root);
            ref var splits = ref MemoryMarshal.GetArrayDataReference(e._splits);
            for (var i = run.Start; i < run.End; i++)
            {
                ref readonly var split = ref Unsafe.Add(ref splits, i);
                nint node = root + split.Node;
                double oneLeft = Unsafe.BitCast<bool, byte>(Step<ZeroAsMissingValues>(node, ref _values, ref feature, ref threshold, ref packed) == node + 1);
                var oneRight = 1 - oneLeft;
                var (left, right) = (split.Node + 1, split.Right);
                var parent = Unsafe.Add(ref _nodes, 2 * split.Node);
                if (TKind.Repeated)
                {
                    // The row follows a combined edge only if it follows both; the factor above is replaced.
                    var ancestorOne = Unsafe.Add(ref _one, split.Ancestor);
                    (oneLeft, oneRight) = (oneLeft * ancestorOne, oneRight * ancestorOne);
                    var ancestorFactor = TPoints.MultiplyAdd(
                        TPoints.Create(Unsafe.Add(ref _coefficient, split.Ancestor)), t, TPoints.Create(Unsafe.Add(ref _zero, split.Ancestor)));
                    var inverse = TPoints.One / ancestorFactor;
                    Unsafe.Add(ref _inverse, split.Node) = inverse;
                    parent *= inverse;
                }

                var (leftCoefficient, rightCoefficient) = (oneLeft - split.LeftZero, oneRight - split.RightZero);
                (Unsafe.Add(ref _one, left), Unsafe.Add(ref _one, right)) = (oneLeft, oneRight);
                (Unsafe.Add(ref _coefficient, left), Unsafe.Add(ref _coefficient, right)) = (leftCoefficient, rightCoefficient);
                (Unsafe.Add(ref _zero, left), Unsafe.Add(ref _zero, right)) = (split.LeftZero, split.RightZero);
                Unsafe.Add(ref _nodes, 2 * left) = parent * TPoints.MultiplyAdd(TPoints.Create(leftCoefficient), t, TPoints.Create(split.LeftZero));
                Unsafe.Add(ref _nodes, 2 * right) = parent * TPoints.MultiplyAdd(TPoints.Create(rightCoefficient), t, TPoints.Create(split.RightZero));

                // A leaf's D; a split child's is overwritten by the up pass before its parent reads it.
                Unsafe.Add(ref _nodes, (2 * left) + 1) = TPoints.Create(Unsafe.Add(ref leafValue, left)) * weights;
                Unsafe.Add(ref _nodes, (2 * right) + 1) = TPoints.Create(Unsafe.Add(ref leafValue, right)) * weights;
            }
        }

        /// <summary>Children before parents: D of each split, and its feature's share of the leaves below.</summary>
        private void Up<TKind>(ShapRun run, TPoints t)
            where TKind : struct, IShapSplitKind
        {
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_ensemble._splits);
            for (var i = run.End - 1; i >= run.Start; i--)
            {
                ref readonly var split = ref Unsafe.Add(ref splits, i);
                var (left, right) = (split.Node + 1, split.Right);
                var belowLeft = Unsafe.Add(ref _nodes, (2 * left) + 1);
                var belowRight = Unsafe.Add(ref _nodes, (2 * right) + 1);
                var settled = TPoints.MultiplyAdd(
                    TPoints.Create(Unsafe.Add(ref _coefficient, left)), belowLeft, TPoints.Create(Unsafe.Add(ref _coefficient, right)) * belowRight);
                var below = TPoints.MultiplyAdd(
                    TPoints.Create(split.LeftZero), belowLeft, TPoints.MultiplyAdd(TPoints.Create(split.RightZero), belowRight, t * settled));
                var parent = Unsafe.Add(ref _nodes, 2 * split.Node);
                ref var share = ref Unsafe.Add(ref _shares, split.Feature);
                if (TKind.Repeated)
                {
                    // Without the factor above; and the edge above no longer counts these leaves.
                    var inverse = Unsafe.Add(ref _inverse, split.Node);
                    var ancestorCoefficient = TPoints.Create(Unsafe.Add(ref _coefficient, split.Ancestor));
                    share = TPoints.MultiplyAdd(parent * inverse, settled - (ancestorCoefficient * inverse * below), share);
                    below *= inverse;
                }
                else
                {
                    share = TPoints.MultiplyAdd(parent, settled, share);
                }

                Unsafe.Add(ref _nodes, (2 * split.Node) + 1) = below;
            }
        }
    }
}
