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
    private readonly ref struct ShapPasses<TPoints, TMissing>
        where TPoints : unmanaged, IShapPoints<TPoints>
        where TMissing : struct, IMissingValuePolicy
    {
        private readonly TreeEnsemble _ensemble;
        private readonly ref double _values;

        // Per feature, its share so far in lanes of points (weighted).
        private readonly ref TPoints _shares;

        // Per node of the current tree (index − root): at a split P, over the factor it replaces where it repeats a
        // feature (G); then D. Per split repeating a feature, 1/F of that feature's edge above.
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
            var end = tree + 1 < e._treeRoots.Length ? e._treeRoots[tree + 1] : e.NodeCount;

            // The root's parent slot holds ones and the edge into the root has the factor 1.
            Unsafe.Add(ref _nodes, 2 * (end - root)) = TPoints.One;
            (_coefficient, _zero) = (0, 1);

            // More points than one vector holds: the passes again for each further vector of points.
            for (var block = 0; block < rule.Nodes.Length; block += TPoints.Count)
            {
                var t = Unsafe.ReadUnaligned<TPoints>(ref Unsafe.As<double, byte>(ref rule.PaddedNodes[block]));
                var weights = Unsafe.ReadUnaligned<TPoints>(ref Unsafe.As<double, byte>(ref rule.PaddedWeights[block]));
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

        /// <summary>Parents before children: P of each split, where the row goes, its edges' fractions, and D of a leaf child.</summary>
        private void Down<TKind>(ShapRun run, int root, TPoints t, TPoints weights)
            where TKind : struct, IShapSplitKind
        {
            var e = _ensemble;
            ref var values = ref _values;
            ref var nodes = ref _nodes;
            ref var one = ref _one;
            ref var coefficients = ref _coefficient;
            ref var zero = ref _zero;
            ref var threshold = ref MemoryMarshal.GetArrayDataReference(e._walkThreshold);
            ref var packed = ref MemoryMarshal.GetArrayDataReference(e._walkRightAndFlags);
            ref var leafValue = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(e._leafValue), root);
            ref var splits = ref MemoryMarshal.GetArrayDataReference(e._splits);
            for (var i = run.Start; i < run.End; i++)
            {
                ref readonly var split = ref Unsafe.Add(ref splits, i);
                var (node, left, right) = (split.Node, split.Node + 1, split.Right);
                var product = Unsafe.Add(ref nodes, 2 * split.Parent)
                    * TPoints.MultiplyAdd(TPoints.Create(Unsafe.Add(ref coefficients, node)), t, TPoints.Create(Unsafe.Add(ref zero, node)));
                nint at = root + node;
                var flags = TMissing.NaNPossible || TMissing.ZeroAsMissingPossible ? Unsafe.Add(ref packed, at) : 0;
                double oneLeft = GoesLeft<TMissing>(Unsafe.Add(ref values, split.Feature), Unsafe.Add(ref threshold, at), flags);
                var oneRight = 1 - oneLeft;
                if (TKind.Repeated)
                {
                    // The row follows a combined edge only if it follows both; the factor above is replaced.
                    var ancestorOne = Unsafe.Add(ref one, split.Ancestor);
                    (oneLeft, oneRight) = (oneLeft * ancestorOne, oneRight * ancestorOne);
                    var ancestorFactor = TPoints.MultiplyAdd(
                        TPoints.Create(Unsafe.Add(ref coefficients, split.Ancestor)), t, TPoints.Create(Unsafe.Add(ref zero, split.Ancestor)));
                    var inverse = TPoints.One / ancestorFactor;
                    Unsafe.Add(ref _inverse, node) = inverse;
                    product *= inverse;
                }

                Unsafe.Add(ref nodes, 2 * node) = product;
                (Unsafe.Add(ref one, left), Unsafe.Add(ref one, right)) = (oneLeft, oneRight);
                (Unsafe.Add(ref coefficients, left), Unsafe.Add(ref coefficients, right)) = (oneLeft - split.LeftZero, oneRight - split.RightZero);
                (Unsafe.Add(ref zero, left), Unsafe.Add(ref zero, right)) = (split.LeftZero, split.RightZero);

                // A leaf's D; a split child's is overwritten by the up pass before its parent reads it.
                Unsafe.Add(ref nodes, (2 * left) + 1) = TPoints.Create(Unsafe.Add(ref leafValue, left)) * weights;
                Unsafe.Add(ref nodes, (2 * right) + 1) = TPoints.Create(Unsafe.Add(ref leafValue, right)) * weights;
            }
        }

        /// <summary>Children before parents: D of each split, and its feature's share of the leaves below.</summary>
        private void Up<TKind>(ShapRun run, TPoints t)
            where TKind : struct, IShapSplitKind
        {
            ref var nodes = ref _nodes;
            ref var coefficients = ref _coefficient;
            ref var shares = ref _shares;
            ref var splits = ref MemoryMarshal.GetArrayDataReference(_ensemble._splits);
            for (var i = run.End - 1; i >= run.Start; i--)
            {
                ref readonly var split = ref Unsafe.Add(ref splits, i);
                var (left, right) = (split.Node + 1, split.Right);
                var belowLeft = Unsafe.Add(ref nodes, (2 * left) + 1);
                var belowRight = Unsafe.Add(ref nodes, (2 * right) + 1);
                var settled = TPoints.MultiplyAdd(
                    TPoints.Create(Unsafe.Add(ref coefficients, left)), belowLeft, TPoints.Create(Unsafe.Add(ref coefficients, right)) * belowRight);
                var below = TPoints.MultiplyAdd(
                    TPoints.Create(split.LeftZero), belowLeft, TPoints.MultiplyAdd(TPoints.Create(split.RightZero), belowRight, t * settled));
                var product = Unsafe.Add(ref nodes, 2 * split.Node);
                ref var share = ref Unsafe.Add(ref shares, split.Feature);
                if (TKind.Repeated)
                {
                    // The edge above on this feature no longer counts these leaves.
                    var inverse = Unsafe.Add(ref _inverse, split.Node);
                    var ancestorCoefficient = TPoints.Create(Unsafe.Add(ref coefficients, split.Ancestor));
                    share = TPoints.MultiplyAdd(product, settled - (ancestorCoefficient * inverse * below), share);
                    below *= inverse;
                }
                else
                {
                    share = TPoints.MultiplyAdd(product, settled, share);
                }

                Unsafe.Add(ref nodes, (2 * split.Node) + 1) = below;
            }
        }
    }
}
