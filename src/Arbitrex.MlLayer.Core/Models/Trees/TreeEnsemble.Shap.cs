using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Exact TreeSHAP in time linear in the tree's size (Linear TreeSHAP, Yu et al. 2022), the same values as
/// Lundberg et al.'s Algorithm 2 (xgboost's <c>pred_contribs</c>, LightGBM's <c>pred_contrib</c>).
/// </summary>
/// <remarks>
/// <para>
/// For a leaf of value v whose path holds the unique features U, each with zero fraction z (the product of its
/// edges' cover ratios) and one fraction o (1 when the row follows all its edges, else 0), feature j receives
/// (o_j − z_j)·v·∫₀¹ Π_{k∈U, k≠j} F_k(t) dt with F_k(t) = z_k + (o_k − z_k)·t: the Shapley weights
/// |S|!(|U|−|S|−1)!/|U|! are Beta integrals. The integrand is a polynomial of degree below |U|, so Gauss–Legendre
/// quadrature with ⌈max|U|/2⌉ points per tree (chosen at load) is exact; the points are the lanes of
/// <see cref="Vector256{T}"/>s.
/// </para>
/// <para>
/// Per row and tree, two flat passes over the tree's splits, ordered at load so that every split follows its
/// parent, in runs of one kind each compiled without branches (no recursion, and no division unless a path splits
/// on a feature twice): down, parents first, P(c) = P(p)·F_c, the product of the
/// factors from the root to node c; up, children first, D(n) = v·weights at a leaf and Σ F_c·D(c) over a split's
/// children, the leaves below n weighted by the factors below n. The edge from p to c then settles its
/// feature's share for every leaf below it at once: (o_c − z_c)·P(p)·D(c), P(p)·D(c) being the sum of those
/// leaves' products without F_c. Feature sums stay in lanes until the row is done: O(nodes × points) per tree
/// instead of Algorithm 2's O(leaves × depth²).
/// </para>
/// <para>
/// Where a path splits on a feature again, the deeper edge d's fractions combine with those of the nearest edge a
/// above on that feature (z multiplies, o is 1 only if both are), and its factor replaces a's:
/// F_d = F_comb(d)/F_comb(a). The leaves below d are then d's to settle, so a settles
/// (L(a) − Σ L(d))/F_comb(a) with L = P·D, and d settles P(parent of d)·D(d)/F_comb(a). Those edges are linked
/// to their ancestor at load and pay one division per point.
/// </para>
/// </remarks>
internal sealed partial class TreeEnsemble
{
    /// <summary>Bits of <see cref="_repeats"/> for the edge into a node: its feature is split on above it, or below it.</summary>
    private const byte RepeatedAbove = 1;
    private const byte RepeatedBelow = 2;

    private double[] _treeExpectation = [];
    private GaussLegendre[] _treeRule = [];

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
            Convert(row, values);
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
        var rules = new Dictionary<int, GaussLegendre>();
        _treeRule = new GaussLegendre[_treeRoots.Length];
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
            _treeRule[t] = rules.TryGetValue(points, out var rule) ? rule : rules[points] = GaussLegendre.Create(points);
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
}
