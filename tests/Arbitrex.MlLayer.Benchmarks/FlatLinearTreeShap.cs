// Over 300 lines on purpose: it is that implementation as it was, layout and passes together.
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The engine's Linear TreeSHAP from 2026-12-04 until the split-record passes replaced it, kept as a benchmark
/// baseline: two flat passes per tree over vectors of Gauss-Legendre points (Vector256 only), in runs of 16 edge
/// kinds, the nodes' P, D, 1/F and exclusions in four arrays indexed by node. Same values as the engine's.
/// </summary>
internal sealed class FlatLinearTreeShap
{
    private readonly TreeEnsemble _tree;
    private readonly int[] _treeRoots;
    private readonly int[] _splitFeature;
    private readonly int[] _rightChild;
    private readonly double[] _leafValue;
    private readonly double[] _cover;
    private readonly int[] _walkFeature;
    private readonly double[] _walkThreshold;
    private readonly int[] _walkRightAndFlags;

    public FlatLinearTreeShap(TreeEnsemble tree)
    {
        _tree = tree;
        _treeRoots = tree.TreeRoots.ToArray();
        _splitFeature = tree.SplitFeatures.ToArray();
        _rightChild = tree.RightChildren.ToArray();
        _leafValue = tree.LeafValues.ToArray();
        _cover = tree.Covers.ToArray();
        _walkFeature = tree.WalkFeatures.ToArray();
        _walkThreshold = tree.WalkThresholds.ToArray();
        _walkRightAndFlags = tree.WalkRightAndFlags.ToArray();
        FeatureCount = tree.FeatureCount;
        InitializeShap();
    }

    private int FeatureCount { get; }

    private int NodeCount => _splitFeature.Length;

    /// <summary>Bits of <see cref="_repeats"/> for the edge into a node: its feature is split on above it, or below it.</summary>
    private const byte RepeatedAbove = 1;
    private const byte RepeatedBelow = 2;

    private double[] _treeExpectation = [];
    private Rule[] _treeRule = [];

    // The splits of every tree in runs of one level and one kind (RepeatedAbove | RepeatedBelow bits of the left
    // edge, then of the right edge), the levels in order; tree t's from _treeSplitStart[t], its runs from
    // _treeRunStart[t].
    private ShapSplit[] _splits = [];
    private int[] _treeSplitStart = [];
    private ShapRun[] _runs = [];
    private int[] _treeRunStart = [];

    // Per edge (indexed by the child), while laying out: the zero fraction, combined with the nearest edge above
    // on the same feature, and that edge (-1 when none).
    private double[] _zeroFraction = [];
    private int[] _repeatAncestor = [];
    private byte[] _repeats = [];
    private int _maxVectors;
    private int _maxTreeNodes;

    /// <summary>
    /// TreeSHAP per feature plus the bias (<paramref name="baseMargin"/> plus every tree's expected value) in the
    /// last slot, as xgboost's <c>pred_contribs=True</c> and LightGBM's <c>C_API_PREDICT_CONTRIB</c>.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions)
    {
        var featureCount = FeatureCount;
        var lanes = Vector256<double>.Count;
        var phiLength = featureCount * _maxVectors * lanes;
        var treeLength = _maxTreeNodes * _maxVectors * lanes;
        var length = featureCount + phiLength + (4 * treeLength) + (2 * _maxTreeNodes);
        var rented = ArrayPool<double>.Shared.Rent(length);
        try
        {
            var scratch = rented.AsSpan(0, length);
            var values = scratch[..featureCount];
            _tree.ConvertRow(row, values);
            var phi = MemoryMarshal.Cast<double, Vector256<double>>(scratch.Slice(featureCount, phiLength));
            phi.Clear();
            var passes = new ShapPasses(this, values, phi, scratch[(featureCount + phiLength)..], treeLength);
            var bias = 0d;
            for (var t = 0; t < _treeRoots.Length; t++)
            {
                passes.Explain(t);
                bias += _treeExpectation[t];
            }

            for (var feature = 0; feature < featureCount; feature++)
            {
                var sum = Vector256<double>.Zero;
                foreach (var lanesOfFeature in phi.Slice(feature * _maxVectors, _maxVectors))
                {
                    sum += lanesOfFeature;
                }

                contributions[feature] = Vector256.Sum(sum);
            }

            contributions[featureCount] = bias + baseMargin;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private void InitializeShap()
    {
        // Children come after their parent in pre-order, so one backward pass sees children first.
        var nodeCount = _splitFeature.Length;
        var mean = new double[nodeCount];
        for (var node = nodeCount - 1; node >= 0; node--)
        {
            var right = _rightChild[node];
            mean[node] = _splitFeature[node] < 0
                ? _leafValue[node]
                : ((mean[node + 1] * _cover[node + 1]) + (mean[right] * _cover[right])) / _cover[node];
        }

        _treeExpectation = [.. _treeRoots.Select(root => mean[root])];
        _zeroFraction = new double[nodeCount];
        _repeatAncestor = new int[nodeCount];
        Array.Fill(_repeatAncestor, -1);
        _repeats = new byte[nodeCount];
        var nearest = new int[FeatureCount];
        Array.Fill(nearest, -1);
        var counts = new int[FeatureCount];
        var rules = new Dictionary<int, Rule>();
        _treeRule = new Rule[_treeRoots.Length];
        _treeSplitStart = new int[_treeRoots.Length + 1];
        _treeRunStart = new int[_treeRoots.Length + 1];
        List<ShapSplit> splits = [];
        List<ShapRun> runs = [];
        for (var t = 0; t < _treeRoots.Length; t++)
        {
            var root = _treeRoots[t];
            var end = t + 1 < _treeRoots.Length ? _treeRoots[t + 1] : nodeCount;
            LinkRepeats(root, nearest);
            Dictionary<int, (int Kind, ShapSplit Split)> treeSplits = [];
            for (var node = root; node < end; node++)
            {
                if (_splitFeature[node] < 0)
                {
                    continue;
                }

                var (left, right) = (node + 1, _rightChild[node]);
                var split = new ShapSplit(
                    node - root, right - root, _splitFeature[node], Relative(_repeatAncestor[left], root), Relative(_repeatAncestor[right], root),
                    _zeroFraction[left], _zeroFraction[right]);
                treeSplits[node] = (_repeats[left] | (_repeats[right] << 2), split);
            }

            ScheduleRuns(root, treeSplits, splits, runs);

            (_treeSplitStart[t + 1], _treeRunStart[t + 1]) = (splits.Count, runs.Count);
            _maxTreeNodes = Math.Max(_maxTreeNodes, end - root);
            var points = Math.Max(1, (MostUniqueFeatures(root, counts, 0) + 1) / 2);
            _treeRule[t] = rules.TryGetValue(points, out var rule) ? rule : rules[points] = new Rule(GaussLegendre.Create(points));
            _maxVectors = Math.Max(_maxVectors, _treeRule[t].NodeVectors.Length);
        }

        (_splits, _runs) = ([.. splits], [.. runs]);
        (_zeroFraction, _repeatAncestor, _repeats) = ([], [], []);
    }

    private static int Relative(int node, int root) => node < 0 ? 0 : node - root;

    /// <summary>
    /// Orders a tree's splits in runs of one kind, every split after its parent (the up pass reads the order
    /// backwards): a run takes the kind most ready splits (parent already placed) have, and goes on while splits of
    /// that kind are ready, which keeps runs few and long.
    /// </summary>
    private void ScheduleRuns(int root, Dictionary<int, (int Kind, ShapSplit Split)> treeSplits, List<ShapSplit> splits, List<ShapRun> runs)
    {
        var ready = Enumerable.Range(0, 16).Select(_ => new Queue<int>()).ToArray();
        if (treeSplits.TryGetValue(root, out var first))
        {
            ready[first.Kind].Enqueue(root);
        }

        while (ready.MaxBy(nodes => nodes.Count) is { Count: > 0 } batch)
        {
            var start = splits.Count;
            while (batch.TryDequeue(out var node))
            {
                splits.Add(treeSplits[node].Split);
                foreach (var child in (ReadOnlySpan<int>)[node + 1, _rightChild[node]])
                {
                    if (treeSplits.TryGetValue(child, out var next))
                    {
                        ready[next.Kind].Enqueue(child);
                    }
                }
            }

            runs.Add(new ShapRun(start, splits.Count, (byte)Array.IndexOf(ready, batch)));
        }
    }

    /// <summary>
    /// Sets each edge below <paramref name="node"/> its zero fraction and links it to the nearest edge above on the
    /// same feature (<paramref name="nearest"/> holds that edge per feature on the way down).
    /// </summary>
    private void LinkRepeats(int node, int[] nearest)
    {
        var feature = _splitFeature[node];
        if (feature < 0)
        {
            return;
        }

        var ancestor = nearest[feature];
        foreach (var child in (ReadOnlySpan<int>)[node + 1, _rightChild[node]])
        {
            var ratio = _cover[child] / _cover[node];
            _repeatAncestor[child] = ancestor;
            if (ancestor >= 0)
            {
                _repeats[child] |= RepeatedAbove;
                _repeats[ancestor] |= RepeatedBelow;
                ratio *= _zeroFraction[ancestor];
            }

            _zeroFraction[child] = ratio;
            nearest[feature] = child;
            LinkRepeats(child, nearest);
        }

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

    private ref struct ShapPasses
    {
        private readonly FlatLinearTreeShap _ensemble;
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

        public ShapPasses(FlatLinearTreeShap ensemble, ReadOnlySpan<double> values, Span<Vector256<double>> phi, Span<double> scratch, int treeLength)
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
        private readonly void Start(int root, int end, Rule rule)
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

        private readonly void Down<TLeft>(ShapRun run, int root, Rule rule)
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

        private readonly void Up<TLeft>(ShapRun run, Rule rule)
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
        private readonly void Down<TLeft, TRight>(ShapRun run, int root, Rule rule)
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
                double goesLeft = Unsafe.BitCast<bool, byte>(TreeEnsemble.Step<ZeroAsMissingValues>(node, ref values, ref feature, ref threshold, ref packed) == node + 1);
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
        private readonly void Up<TLeft, TRight>(ShapRun run, Rule rule)
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

    /// <summary>
    /// The kind of the edges in a run, so each run's loop is compiled without the branches of the others: whether
    /// the edge's feature is split on above it (<see cref="Above"/>) and below it (<see cref="Below"/>).
    /// </summary>
    private interface IShapEdgeKind
    {
        static abstract bool Above { get; }

        static abstract bool Below { get; }
    }

    /// <summary>
    /// One split and its two edges, to <see cref="Node"/> + 1 and to <see cref="Right"/> (node indices minus the
    /// tree's root). Each edge's zero fraction is combined with that of the nearest edge above on the same feature,
    /// its ancestor (0 when there is none).
    /// </summary>
    private readonly record struct ShapSplit(int Node, int Right, int Feature, int LeftAncestor, int RightAncestor, double LeftZero, double RightZero);

    /// <summary>
    /// Splits <see cref="Start"/> to <see cref="End"/> of one level, all of one kind: the left edge's
    /// <see cref="RepeatedAbove"/> | <see cref="RepeatedBelow"/> bits, then the right edge's shifted by two.
    /// </summary>
    private readonly record struct ShapRun(int Start, int End, byte Kind);

    private readonly struct PlainEdge : IShapEdgeKind
    {
        public static bool Above => false;

        public static bool Below => false;
    }

    private readonly struct EdgeRepeatedAbove : IShapEdgeKind
    {
        public static bool Above => true;

        public static bool Below => false;
    }

    private readonly struct EdgeRepeatedBelow : IShapEdgeKind
    {
        public static bool Above => false;

        public static bool Below => true;
    }

    private readonly struct EdgeRepeatedAboveAndBelow : IShapEdgeKind
    {
        public static bool Above => true;

        public static bool Below => true;
    }

    /// <summary>A Gauss-Legendre rule's nodes and weights four to a vector, the last padded (node 1/2, weight 0).</summary>
    private sealed class Rule
    {
        public Rule(GaussLegendre rule)
        {
            var lanes = Vector256<double>.Count;
            NodeVectors = new Vector256<double>[(rule.Nodes.Length + lanes - 1) / lanes];
            WeightVectors = new Vector256<double>[NodeVectors.Length];
            for (var v = 0; v < NodeVectors.Length; v++)
            {
                var node = new double[lanes];
                var weight = new double[lanes];
                for (var lane = 0; lane < lanes; lane++)
                {
                    var i = (v * lanes) + lane;
                    (node[lane], weight[lane]) = i < rule.Nodes.Length ? (rule.Nodes[i], rule.Weights[i]) : (0.5, 0);
                }

                NodeVectors[v] = Vector256.Create(node);
                WeightVectors[v] = Vector256.Create(weight);
            }
        }

        public Vector256<double>[] NodeVectors { get; }

        public Vector256<double>[] WeightVectors { get; }
    }
}
