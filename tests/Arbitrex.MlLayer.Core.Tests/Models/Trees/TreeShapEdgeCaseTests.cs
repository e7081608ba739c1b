using Arbitrex.MlLayer.Benchmarks.Reference;
using Arbitrex.MlLayer.Core.Models.Trees;

namespace Arbitrex.MlLayer.Core.Tests.Models.Trees;

/// <summary>
/// Linear TreeSHAP against Algorithm 2 on trees built to reach the parts of its layout the fixtures reach rarely:
/// single-leaf trees, a feature split on two or more times on one path, leaf-wise chains deeper than 12 with up
/// to 16 distinct features on a path (eight quadrature points, in one AVX-512 vector or two AVX vectors), up to 24
/// on a path (the passes once per vector of eight points), and every missing-value rule.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TreeShapEdgeCaseTests
{
    private const int FeatureCount = 16;

    [Fact]
    public void A_single_leaf_tree_adds_its_value_to_the_bias_and_nothing_to_any_feature()
    {
        var ensemble = Build(RowConversion.ZeroWithinZeroThreshold, Leaf(2.5, 10), Leaf(-0.75, 4));
        var contributions = new double[FeatureCount + 1];

        ensemble.Contributions(new double[FeatureCount], 0.5, contributions);

        Assert.All(contributions[..FeatureCount], c => Assert.Equal(0, c));
        Assert.Equal(0.5 + 2.5 - 0.75, contributions[FeatureCount], 1e-12);
    }

    [Fact]
    public void A_feature_split_on_three_times_on_one_path_matches_Algorithm_2()
    {
        // f3 at the root, again at its left child and at that node's left child; f5 between them on the right.
        var tree = new SourceTree(
            Left: [1, 3, 7, 5, -1, -1, -1, 9, -1, -1, -1],
            Right: [2, 4, 8, 6, -1, -1, -1, 10, -1, -1, -1],
            Feature: [3, 3, 5, 3, 0, 0, 0, 3, 0, 0, 0],
            Threshold: [0.5, 0.2, 0.1, -0.3, 0, 0, 0, 0.8, 0, 0, 0],
            MissingType: new SplitMissingType[11],
            DefaultLeft: new bool[11],
            Value: [0, 0, 0, 0, 1.5, -2, 0.25, 0, 3, -1, 0.5],
            Cover: [100, 60, 40, 45, 15, 30, 15, 30, 10, 20, 10]);
        var ensemble = Build(RowConversion.ZeroWithinZeroThreshold, tree, Leaf(1, 1));
        double[][] rows = [.. new[] { -1, -0.3, 0, 0.1, 0.2, 0.5, 0.6, 0.9, double.NaN }.Select(v => Row(3, v, 5, v - 0.15))];

        AssertMatchesAlgorithm2(ensemble, rows, "f3 three times");
    }

    [Theory]
    [InlineData(2, 6, 11)]
    [InlineData(4, 8, 12)]
    [InlineData(16, 10, 13)]
    public void Depthwise_trees_over_few_features_match_Algorithm_2(int features, int depth, int seed)
    {
        var random = new Random(seed);
        var trees = Enumerable.Range(0, 20).Select(_ => RandomTree(random, features, depth, leafWise: false)).ToArray();

        AssertMatchesAlgorithm2(Build(RowConversion.ToSingle, trees), RandomRows(random, 200), $"depthwise {features} features");
    }

    [Theory]
    [InlineData(3, 21)]
    [InlineData(8, 22)]
    [InlineData(16, 23)]
    public void Leaf_wise_trees_deeper_than_12_match_Algorithm_2(int features, int seed)
    {
        var random = new Random(seed);
        var trees = Enumerable.Range(0, 12).Select(_ => RandomTree(random, features, depth: 24, leafWise: true)).ToArray();
        var ensemble = Build(RowConversion.ZeroWithinZeroThreshold, trees);

        Assert.True(ensemble.MaxDepth > 12, $"deepest tree {ensemble.MaxDepth}");
        AssertMatchesAlgorithm2(ensemble, RandomRows(random, 200), $"leaf-wise {features} features");
    }

    [Fact]
    public void Eight_points_in_two_AVX_vectors_match_Algorithm_2_as_in_one_AVX_512_vector()
    {
        var random = new Random(24);
        var trees = Enumerable.Range(0, 12).Select(_ => RandomTree(random, FeatureCount, depth: 24, leafWise: true)).ToArray();

        AssertMatchesAlgorithm2(Build(RowConversion.ZeroWithinZeroThreshold, trees), RandomRows(random, 200), "two AVX vectors", oneWideVector: false);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Paths_over_more_than_16_features_take_the_passes_once_per_vector_of_points_and_match_Algorithm_2(bool oneWideVector)
    {
        const int features = 24;
        var random = new Random(25);
        var trees = Enumerable.Range(0, 8).Select(_ => RandomTree(random, features, depth: 40, leafWise: true)).ToArray();
        var ensemble = Build(RowConversion.ZeroWithinZeroThreshold, features, trees);

        Assert.True(trees.Max(tree => MostDistinctFeatures(tree, 0, [])) > 16, "no path over more than 16 features");
        AssertMatchesAlgorithm2(ensemble, RandomRows(random, 100, features), $"{features} features", oneWideVector);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Missing_values_follow_each_splits_default_direction_as_in_Algorithm_2(int missingTypeValue)
    {
        var missingType = (SplitMissingType)missingTypeValue;
        var random = new Random(31 + missingTypeValue);
        var trees = Enumerable.Range(0, 15).Select(_ => RandomTree(random, 6, 7, leafWise: random.Next(2) == 0, missingType)).ToArray();

        AssertMatchesAlgorithm2(Build(RowConversion.ZeroWithinZeroThreshold, trees), RandomRows(random, 300), $"missing type {missingType}");
    }

    private static void AssertMatchesAlgorithm2(TreeEnsemble ensemble, IReadOnlyList<double[]> rows, string name, bool? oneWideVector = null)
    {
        var reference = new LundbergTreeShap(ensemble);
        var linear = new double[ensemble.FeatureCount + 1];
        var expected = new double[ensemble.FeatureCount + 1];
        for (var r = 0; r < rows.Count; r++)
        {
            if (oneWideVector is { } wide)
            {
                ensemble.Contributions(rows[r], 0.25, linear, wide);
            }
            else
            {
                ensemble.Contributions(rows[r], 0.25, linear);
            }

            reference.Contributions(rows[r], 0.25, expected);
            for (var c = 0; c <= ensemble.FeatureCount; c++)
            {
                Assert.True(Math.Abs(linear[c] - expected[c]) <= 1e-10, $"{name} row {r} column {c}: {linear[c]} vs Algorithm 2 {expected[c]}");
            }

            Assert.Equal(ensemble.Margin(rows[r], 0.25), linear.Sum(), 1e-9);
        }
    }

    private static TreeEnsemble Build(RowConversion conversion, params SourceTree[] trees) => Build(conversion, FeatureCount, trees);

    private static TreeEnsemble Build(RowConversion conversion, int featureCount, params SourceTree[] trees)
    {
        var builder = new TreeEnsembleBuilder(featureCount, conversion);
        foreach (var tree in trees)
        {
            builder.AddTree(tree);
        }

        return builder.Build();
    }

    private static int MostDistinctFeatures(SourceTree tree, int node, HashSet<int> above)
    {
        if (tree.Left[node] == -1)
        {
            return above.Count;
        }

        var added = above.Add(tree.Feature[node]);
        var most = Math.Max(MostDistinctFeatures(tree, tree.Left[node], above), MostDistinctFeatures(tree, tree.Right[node], above));
        if (added)
        {
            above.Remove(tree.Feature[node]);
        }

        return most;
    }

    private static SourceTree Leaf(double value, double cover) =>
        new([-1], [-1], [0], [0], [SplitMissingType.None], [false], [value], [cover]);

    private static double[] Row(params double[] featureAndValue)
    {
        var row = new double[FeatureCount];
        for (var i = 0; i < featureAndValue.Length; i += 2)
        {
            row[(int)featureAndValue[i]] = featureAndValue[i + 1];
        }

        return row;
    }

    /// <summary>Values on a grid of tenths (so many equal a threshold), with exact zeros and NaN among them.</summary>
    private static double[][] RandomRows(Random random, int count, int featureCount = FeatureCount) =>
    [
        .. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, featureCount).Select(_ => random.Next(12) switch
        {
            0 => double.NaN,
            1 => 0,
            _ => Math.Round((random.NextDouble() * 2) - 1, 1),
        }).ToArray()),
    ];

    /// <summary>
    /// A random tree over the first <paramref name="features"/> features: depthwise (every branch splits until
    /// <paramref name="depth"/> or by chance stops) or leaf-wise (one branch grows on, the other mostly stops).
    /// Covers add up from leaves of random weight.
    /// </summary>
    private static SourceTree RandomTree(Random random, int features, int depth, bool leafWise, SplitMissingType? missingType = null)
    {
        List<int> left = [], right = [], feature = [];
        List<double> threshold = [], value = [], cover = [];
        List<SplitMissingType> missing = [];
        List<bool> defaultLeft = [];

        int Grow(int level, bool deep)
        {
            var node = left.Count;
            left.Add(-1);
            right.Add(-1);
            feature.Add(random.Next(features));
            threshold.Add(Math.Round((random.NextDouble() * 1.6) - 0.8, 1));
            missing.Add(missingType ?? (SplitMissingType)random.Next(3));
            defaultLeft.Add(random.Next(2) == 0);
            value.Add(Math.Round((random.NextDouble() * 2) - 1, 3));
            cover.Add(1 + random.Next(50));
            var split = level < depth && (leafWise ? deep || random.Next(4) == 0 : level < 2 || random.Next(8) != 0);
            if (split)
            {
                var goesLeft = random.Next(2) == 0;
                left[node] = Grow(level + 1, deep && goesLeft);
                right[node] = Grow(level + 1, deep && !goesLeft);
                cover[node] = cover[left[node]] + cover[right[node]];
                value[node] = 0;
            }

            return node;
        }

        Grow(0, deep: true);
        return new SourceTree([.. left], [.. right], [.. feature], [.. threshold], [.. missing], [.. defaultLeft], [.. value], [.. cover]);
    }
}
