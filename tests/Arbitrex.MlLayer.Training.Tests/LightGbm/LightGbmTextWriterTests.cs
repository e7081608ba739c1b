using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Training.LightGbm;
using Arbitrex.MlLayer.Training.Tests.TestSupport;

namespace Arbitrex.MlLayer.Training.Tests.LightGbm;

[Trait("Category", "Unit")]
public sealed class LightGbmTextWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_platt_offset_tree_weights_and_a_bias_are_folded_into_the_leaves_so_the_native_library_gives_the_same_probability()
    {
        var ensemble = TwoTrees() with { TreeWeights = [0.5, 2.0], Bias = 0.3, PlattSlope = -1.7, PlattOffset = 0.45 };
        var rows = Rows(500, seed: 5);

        var native = Native(ensemble, rows);

        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(ensemble.Probability(rows[i]), native[i], 1e-6);
        }
    }

    [Fact]
    public void Rows_equal_to_a_threshold_go_left_and_nan_goes_right_as_in_Microsoft_ML()
    {
        var ensemble = TwoTrees();
        float[][] rows =
        [
            Row(0.25f, 0f), Row(MathF.BitIncrement(0.25f), 0f), Row(float.NaN, 0f),
            Row(0f, -1.5f), Row(0f, MathF.BitIncrement(-1.5f)), Row(0f, float.NaN),
        ];

        var native = Native(ensemble, rows);

        // Within the rounding of Microsoft.ML's 32-bit score; a row sent the other way would differ by more than 0.05.
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(ensemble.Probability(rows[i]), native[i], 1e-6);
        }

        Assert.NotEqual(native[0], native[1]);
        Assert.Equal(native[1], native[2]);
    }

    [Fact]
    public void The_header_names_the_binary_objective_with_its_sigmoid_and_the_canonical_features()
    {
        var text = LightGbmTextWriter.Write(TwoTrees(), CanonicalFeatures.All, Rows(10, seed: 1), 0.1);

        Assert.StartsWith("tree\nversion=v4\n", text, StringComparison.Ordinal);
        Assert.Contains("\nobjective=binary sigmoid:0.5\n", text, StringComparison.Ordinal);
        Assert.Contains("\nfeature_names=" + string.Join(' ', CanonicalFeatures.All) + "\n", text, StringComparison.Ordinal);
        Assert.Contains("\ndecision_type=8 8\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_counts_are_the_training_rows_that_reach_each_node()
    {
        float[][] rows = [Row(0.1f, 0f), Row(0.2f, 0f), Row(0.9f, -3f), Row(0.9f, 1f)];

        var text = LightGbmTextWriter.Write(TwoTrees(), CanonicalFeatures.All, rows, 0.1);

        // Tree 0: root on feature 0 (<= 0.25: rows 1-2 to leaf 0), then feature 1 (<= -1.5: row 3 to leaf 1, row 4 to leaf 2).
        Assert.Contains("\nleaf_count=2 1 1\ninternal_value=", text, StringComparison.Ordinal);
        Assert.Contains("\ninternal_count=4 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_negative_platt_slope_has_no_sigmoid_and_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LightGbmTextWriter.Write(TwoTrees() with { PlattSlope = 0.5 }, CanonicalFeatures.All, Rows(10, seed: 1), 0.1));

        Assert.Contains("must be negative", error.Message, StringComparison.Ordinal);
    }

    private double[] Native(ExportedEnsemble ensemble, IReadOnlyList<float[]> rows)
    {
        var path = Path.Combine(_folder.Path, "model.txt");
        File.WriteAllText(path, LightGbmTextWriter.Write(ensemble, CanonicalFeatures.All, rows, 0.1));
        return NativeLightGbm.PredictProbabilities(path, [.. rows.SelectMany(r => r.Select(v => (double)v))], CanonicalFeatures.All.Count);
    }

    private static ExportedEnsemble TwoTrees() => new()
    {
        Trees =
        [
            new ExportedTree
            {
                SplitFeatures = [0, 1],
                Thresholds = [0.25f, -1.5f],
                LeftChild = [~0, ~1],
                RightChild = [1, ~2],
                LeafValues = [-0.4, 0.7, 0.1],
                SplitGains = [12.5, 3.25],
            },
            new ExportedTree
            {
                SplitFeatures = [1],
                Thresholds = [0.0f],
                LeftChild = [~0],
                RightChild = [~1],
                LeafValues = [0.2, -0.3],
                SplitGains = [4.0],
            },
        ],
        TreeWeights = [1.0, 1.0],
        PlattSlope = -0.5,
    };

    private static float[] Row(float first, float second)
    {
        var row = new float[CanonicalFeatures.All.Count];
        row[0] = first;
        row[1] = second;
        return row;
    }

    private static List<float[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Row((float)random.NextDouble(), (float)((random.NextDouble() * 6) - 3)))];
    }
}
