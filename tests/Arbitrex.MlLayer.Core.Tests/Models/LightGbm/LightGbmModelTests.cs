using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Models.LightGbm;

namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

[Trait("Category", "Unit")]
public sealed class LightGbmModelTests
{
    [Fact]
    public void The_deep_fixture_holds_100_leaf_wise_trees_of_255_leaves_deeper_than_12()
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes("deep_255_leaves"));

        Assert.Equal(100, model.TreeCount);
        Assert.Equal(100 * ((2 * 255) - 1), model.NodeCount);
        Assert.True(model.MaxDepth > 12, $"depth {model.MaxDepth}");
        Assert.Equal("v4", model.FormatVersion);
    }

    [Fact]
    public void Reads_the_sigmoid_parameter_and_the_tree_count()
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes("small_trees_500"));

        Assert.Equal(500, model.TreeCount);
        Assert.Equal(0.8, model.Sigmoid);
        Assert.False(model.AverageOutput);
    }

    [Fact]
    public void A_random_forest_averages_its_trees_for_the_probability()
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes("random_forest"));
        var row = LightGbmFixture.Reference("random_forest").Rows[0];

        Assert.True(model.AverageOutput);
        Assert.Equal(1 / (1 + Math.Exp(-model.PredictMargin(row) / model.TreeCount)), model.PredictProbability(row), 15);
    }

    [Fact]
    public void Feature_names_come_from_the_model_in_its_own_order()
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes("feature_subset"));

        Assert.Equal(["momentum_score", "efficiency_ratio", "trend_strength", "hurst_exponent", "spread_bps", "drawdown"], model.FeatureNames);
        Assert.All(model.FeatureNames, f => Assert.Contains(f, CanonicalFeatures.All));
        Assert.True(model.TryGetFeatureIndex("spread_bps", out var index));
        Assert.Equal(4, index);
    }

    [Fact]
    public void Zero_as_missing_sends_values_within_the_zero_threshold_the_default_way()
    {
        // One split on f: missing type Zero (decision_type 4 | default-left 2 = 6), threshold 0.5.
        var model = LightGbmModel.Parse(Encoding.UTF8.GetBytes(OneSplitModel(decisionType: 6, threshold: "0.5")));

        Assert.Equal(-1.0, model.PredictMargin([0.0]));
        Assert.Equal(-1.0, model.PredictMargin([1e-36]));
        Assert.Equal(-1.0, model.PredictMargin([double.NaN]));
        Assert.Equal(1.0, model.PredictMargin([0.6]));
        Assert.Equal(-1.0, model.PredictMargin([0.5]));
    }

    [Fact]
    public void Missing_type_none_compares_nan_as_zero_and_splits_with_less_or_equal()
    {
        var model = LightGbmModel.Parse(Encoding.UTF8.GetBytes(OneSplitModel(decisionType: 0, threshold: "-0.25")));

        Assert.Equal(1.0, model.PredictMargin([double.NaN]));
        Assert.Equal(-1.0, model.PredictMargin([-0.25]));
        Assert.Equal(1.0, model.PredictMargin([Math.BitIncrement(-0.25)]));
    }

    [Fact]
    public void Missing_type_nan_sends_nan_the_default_way()
    {
        var right = LightGbmModel.Parse(Encoding.UTF8.GetBytes(OneSplitModel(decisionType: 8, threshold: "0.5")));
        var left = LightGbmModel.Parse(Encoding.UTF8.GetBytes(OneSplitModel(decisionType: 10, threshold: "0.5")));

        Assert.Equal(1.0, right.PredictMargin([double.NaN]));
        Assert.Equal(-1.0, left.PredictMargin([double.NaN]));
        Assert.Equal(-1.0, right.PredictMargin([0.0]));
    }

    internal static string OneSplitModel(int decisionType, string threshold, string objective = "binary sigmoid:1") =>
        $"""
        tree
        version=v4
        num_class=1
        num_tree_per_iteration=1
        label_index=0
        max_feature_idx=0
        objective={objective}
        feature_names=momentum_score
        feature_infos=[-1:1]
        tree_sizes=1

        Tree=0
        num_leaves=2
        num_cat=0
        split_feature=0
        split_gain=1
        threshold={threshold}
        decision_type={decisionType}
        left_child=-1
        right_child=-2
        leaf_value=-1 1
        leaf_weight=1 1
        leaf_count=10 30
        internal_value=0
        internal_weight=2
        internal_count=40
        is_linear=0
        shrinkage=1


        end of trees

        """.Replace("\r\n", "\n", StringComparison.Ordinal);
}
