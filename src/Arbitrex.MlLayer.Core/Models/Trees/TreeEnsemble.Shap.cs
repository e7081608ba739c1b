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
/// quadrature with ⌈max|U|/2⌉ points per tree (chosen at load) is exact; the points are the lanes of a vector.
/// </para>
/// <para>
/// Per row and tree, two passes over the tree's splits, laid out at load so that every split follows its parent,
/// in runs with or without a repeated feature: down, P(c) = P(p)·F_c, the factors from the root to node c; up,
/// children first, D(n) = v·weights at a leaf and F_l·D(l) + F_r·D(r) at a split. With c = o − z,
/// D(n) = z_l·D(l) + z_r·D(r) + t·S(n) where S(n) = c_l·D(l) + c_r·D(r), and P(n)·S(n) is the split's feature's share
/// for every leaf below n at once (the edge's factor left out). Feature sums stay in lanes until the row is done:
/// O(splits × points) per tree instead of Algorithm 2's O(leaves × depth²).
/// </para>
/// <para>
/// Where a path splits on a feature again, the split's edges combine their fractions with those of the nearest edge
/// a above on that feature (z multiplies, o is 1 only if both are) and their factors replace a's:
/// F = F_comb/F_comb(a), one division per point (the paper's division by the previous polynomial). The leaves below
/// are then this split's to settle: its share is P·S/F_comb(a), and it takes back from a's share what a's would
/// count for them, c_a·P·D(n)/F_comb(a) (P·D(n) being their sum with this split's factor).
/// </para>
/// </remarks>
internal sealed partial class TreeEnsemble
{
    /// <summary>Above this many points a tree's passes run once per vector of eight.</summary>
    private const int MostPointsInOneVector = 8;

    private static readonly bool WidePoints = Vector512.IsHardwareAccelerated;

    [ThreadStatic]
    private static ShapScratch? t_shapScratch;

    private double _expectation;
    private GaussLegendre[] _treeRule = [];

    // The splits of every tree in runs of one kind; tree t's from _treeSplitStart[t], its runs from _treeRunStart[t].
    private ShapSplit[] _splits = [];
    private int[] _treeSplitStart = [];
    private ShapRun[] _runs = [];
    private int[] _treeRunStart = [];
    private int _maxTreeNodes;

    /// <summary>
    /// TreeSHAP per feature plus the bias (<paramref name="baseMargin"/> plus every tree's expected value) in the
    /// last slot, as xgboost's <c>pred_contribs=True</c> and LightGBM's <c>C_API_PREDICT_CONTRIB</c>.
    /// </summary>
    public void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions) =>
        Contributions(row, baseMargin, contributions, WidePoints);

    /// <summary>As the public overload, eight points in one AVX-512 vector or (<paramref name="oneWideVector"/> false) in two AVX vectors.</summary>
    internal void Contributions(ReadOnlySpan<double> row, double baseMargin, Span<double> contributions, bool oneWideVector)
    {
        var featureCount = FeatureCount;
        var scratch = ShapScratch.For(ref t_shapScratch, featureCount, _maxTreeNodes + 1);
        var anyMissing = Convert(row, scratch.Values(featureCount));
        scratch.ClearShares();
        if (_anyZeroAsMissing)
        {
            ExplainTrees<ZeroAsMissingValues>(scratch, oneWideVector);
        }
        else if (anyMissing)
        {
            ExplainTrees<MissingValues>(scratch, oneWideVector);
        }
        else
        {
            ExplainTrees<NoMissingValues>(scratch, oneWideVector);
        }

        var narrow = scratch.NarrowShares;
        var wide = scratch.WideShares;

        for (var feature = 0; feature < featureCount; feature++)
        {
            var lanes = Vector256.Create<double>(narrow.Slice(4 * feature, 4))
                + Vector256.Create<double>(wide.Slice(8 * feature, 4)) + Vector256.Create<double>(wide.Slice((8 * feature) + 4, 4));
            contributions[feature] = Vector256.Sum(lanes);
        }

        contributions[featureCount] = _expectation + baseMargin;
    }

    private void ExplainTrees<TMissing>(ShapScratch scratch, bool oneWideVector)
        where TMissing : struct, IMissingValuePolicy
    {
        for (var t = 0; t < _treeRoots.Length; t++)
        {
            if (_treeSplitStart[t] == _treeSplitStart[t + 1])
            {
                continue;
            }

            if (_treeRule[t].Nodes.Length <= Points4.Count)
            {
                new ShapPasses<Points4, TMissing>(this, scratch, scratch.NarrowShares).Explain(t);
            }
            else if (oneWideVector)
            {
                new ShapPasses<Points8, TMissing>(this, scratch, scratch.WideShares).Explain(t);
            }
            else
            {
                new ShapPasses<Points8Pair, TMissing>(this, scratch, scratch.WideShares).Explain(t);
            }
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

        _expectation = _treeRoots.Sum(root => mean[root]);
        var nearest = new int[FeatureCount];
        Array.Fill(nearest, -1);
        var counts = new int[FeatureCount];
        var edgeZero = new double[nodeCount];
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
            Dictionary<int, ShapSplit> treeSplits = [];
            LayOutSplits(root, root, end - root, nearest, edgeZero, treeSplits);
            ScheduleRuns(treeSplits, splits, runs);
            (_treeSplitStart[t + 1], _treeRunStart[t + 1]) = (splits.Count, runs.Count);
            _maxTreeNodes = Math.Max(_maxTreeNodes, end - root);
            var points = Math.Max(1, (MostUniqueFeatures(root, counts, 0) + 1) / 2);
            _treeRule[t] = rules.TryGetValue(points, out var rule) ? rule : rules[points] = GaussLegendre.Create(points);
        }

        (_splits, _runs) = ([.. splits], [.. runs]);
    }

    /// <summary>
    /// Orders a tree's splits in runs of one kind, every split after its parent (the up pass reads the order
    /// backwards): a run takes the kind most ready splits (parent already placed) have, and goes on while splits of
    /// that kind are ready, which keeps runs few and long.
    /// </summary>
    private static void ScheduleRuns(Dictionary<int, ShapSplit> treeSplits, List<ShapSplit> splits, List<ShapRun> runs)
    {
        Queue<int>[] ready = [new(), new()];
        if (treeSplits.ContainsKey(0))
        {
            ready[0].Enqueue(0);
        }

        while (ready[0].Count + ready[1].Count > 0)
        {
            var repeated = ready[1].Count > ready[0].Count;
            var batch = ready[repeated ? 1 : 0];
            var start = splits.Count;
            while (batch.TryDequeue(out var node))
            {
                var split = treeSplits[node];
                splits.Add(split);
                foreach (var child in (ReadOnlySpan<int>)[node + 1, split.Right])
                {
                    if (treeSplits.TryGetValue(child, out var next))
                    {
                        ready[next.Ancestor > 0 ? 1 : 0].Enqueue(child);
                    }
                }
            }

            runs.Add(new ShapRun(start, splits.Count, repeated));
        }
    }

    /// <summary>
    /// Records the splits below <paramref name="node"/>, each edge's zero fraction combined with the nearest edge
    /// above on the same feature (<paramref name="nearest"/> holds that edge per feature on the way down, and
    /// <paramref name="edgeZero"/> each edge's combined zero fraction, by child).
    /// </summary>
    private void LayOutSplits(int root, int node, int parent, int[] nearest, double[] edgeZero, Dictionary<int, ShapSplit> treeSplits)
    {
        var feature = _splitFeature[node];
        if (feature < 0)
        {
            return;
        }

        var ancestor = nearest[feature];
        var ancestorZero = ancestor < 0 ? 1 : edgeZero[ancestor];
        var (left, right) = (node + 1, _rightChild[node]);
        edgeZero[left] = ancestorZero * (_cover[left] / _cover[node]);
        edgeZero[right] = ancestorZero * (_cover[right] / _cover[node]);
        treeSplits[node - root] = new ShapSplit(
            node - root, parent, right - root, feature, ancestor < 0 ? 0 : ancestor - root, edgeZero[left], edgeZero[right]);
        foreach (var child in (ReadOnlySpan<int>)[left, right])
        {
            nearest[feature] = child;
            LayOutSplits(root, child, node - root, nearest, edgeZero, treeSplits);
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
