using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

[Trait("Category", "Unit")]
public sealed class XgboostModelTests
{
    public static TheoryData<string> FixtureModels => [.. XgboostFixture.ModelNames];

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Probabilities_match_xgboost_to_1e6_on_every_reference_row(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));
        var fixture = XgboostFixture.Reference(name);
        Assert.True(fixture.Rows.Length >= 1000);

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            var probability = model.PredictProbability(fixture.Rows[r]);
            Assert.True(
                Math.Abs(probability - fixture.Probabilities[r]) <= 1e-6,
                $"{name} row {r}: {probability} vs xgboost {fixture.Probabilities[r]}");
            var margin = model.PredictMargin(fixture.Rows[r]);
            Assert.True(
                Math.Abs(margin - fixture.Margins[r]) <= 1e-5,
                $"{name} row {r}: margin {margin} vs xgboost {fixture.Margins[r]}");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Batch_probabilities_equal_single_row_probabilities(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));
        var fixture = XgboostFixture.Reference(name);
        var rows = fixture.Rows.SelectMany(r => r).ToArray();
        var batch = new double[fixture.Rows.Length];

        model.PredictProbabilities(rows, batch);

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            Assert.Equal(model.PredictProbability(fixture.Rows[r]), batch[r]);
            Assert.True(Math.Abs(batch[r] - fixture.Probabilities[r]) <= 1e-6, $"{name} row {r}");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Batches_of_rows_without_missing_values_match_xgboost(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));
        var fixture = XgboostFixture.Reference(name);
        var complete = Enumerable.Range(0, fixture.Rows.Length).Where(r => !fixture.Rows[r].Any(double.IsNaN)).ToArray();
        Assert.True(complete.Length >= 70, $"only {complete.Length} complete rows");
        var batch = new double[complete.Length];

        model.PredictProbabilities(complete.SelectMany(r => fixture.Rows[r]).ToArray(), batch);

        for (var i = 0; i < complete.Length; i++)
        {
            Assert.True(Math.Abs(batch[i] - fixture.Probabilities[complete[i]]) <= 1e-6, $"{name} row {complete[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Contributions_match_xgboost_pred_contribs_to_1e5_on_every_reference_row(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));
        var fixture = XgboostFixture.Reference(name);
        var contributions = new double[model.ContributionCount];

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            model.PredictContributions(fixture.Rows[r], contributions);
            for (var c = 0; c < contributions.Length; c++)
            {
                Assert.True(
                    Math.Abs(contributions[c] - fixture.Contributions[r][c]) <= 1e-5,
                    $"{name} row {r} column {c}: {contributions[c]} vs xgboost {fixture.Contributions[r][c]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Feature_names_come_from_the_model_in_its_own_order(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));

        Assert.Equal(XgboostFixture.Reference(name).FeatureNames, model.FeatureNames);
        Assert.All(model.FeatureNames, f => Assert.Contains(f, CanonicalFeatures.All));
    }

    [Fact]
    public void Fill_row_places_features_by_name_and_marks_absent_ones_missing()
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes("depth5_trees30_subset_exact"));
        var fixture = XgboostFixture.Reference("depth5_trees30_subset_exact");
        var source = fixture.Rows[5];
        var features = new Dictionary<string, double>();
        for (var i = 0; i < fixture.FeatureNames.Length; i++)
        {
            if (!double.IsNaN(source[i]))
            {
                features[fixture.FeatureNames[i]] = source[i];
            }
        }

        features["correlation"] = 0.5;
        var row = new double[model.FeatureCount];

        model.FillRow(features, row);

        Assert.Equal(source, row);
        Assert.True(model.TryGetFeatureIndex("rsi", out var rsi));
        Assert.Equal(3, rsi);
        Assert.False(model.TryGetFeatureIndex("correlation", out _));
    }

    [Fact]
    public void A_row_of_the_wrong_length_is_refused()
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes("depth2_trees10"));

        Assert.Throws<ArgumentException>(() => model.PredictProbability(new double[15]));
        Assert.Throws<ArgumentException>(() => model.PredictContributions(new double[16], new double[16]));
    }

    [Fact]
    public void Describes_trees_depth_and_base_score_as_saved()
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes("depth4_trees60_base035"));

        Assert.Equal(60, model.TreeCount);
        Assert.Equal(4, model.MaxDepth);
        Assert.Equal(0.35, model.BaseScore, 6);
        Assert.Equal("1.7.4", model.XgboostVersion);
        Assert.Equal(17, model.ContributionCount);
    }

    [Fact]
    public void A_categorical_model_is_refused_at_load()
    {
        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(XgboostFixture.ModelBytes("refused_categorical")));

        Assert.Equal(XgboostModelRefusal.CategoricalSplits, e.Refusal);
        Assert.Contains("categorical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_categorical_split_is_refused_even_when_feature_types_do_not_say_so()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("refused_categorical"))
            .Replace("\"feature_types\":[\"c\",\"q\",\"q\"]", "\"feature_types\":[]", StringComparison.Ordinal);
        Assert.Contains("\"feature_types\":[]", json, StringComparison.Ordinal);

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(XgboostModelRefusal.CategoricalSplits, e.Refusal);
    }

    [Theory]
    [InlineData("refused_squared_error", "reg:squarederror")]
    [InlineData("refused_softprob", "multi:softprob")]
    public void Another_objective_is_refused_with_its_name(string fixture, string objective)
    {
        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(XgboostFixture.ModelBytes(fixture)));

        Assert.Equal(XgboostModelRefusal.UnsupportedObjective, e.Refusal);
        Assert.Contains(objective, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dart_booster_is_refused()
    {
        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(XgboostFixture.ModelBytes("refused_dart")));

        Assert.Equal(XgboostModelRefusal.UnsupportedBooster, e.Refusal);
        Assert.Contains("dart", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_from_a_newer_xgboost_format_is_refused()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10"))
            .Replace("\"version\":[1,7,4]", "\"version\":[3,0,0]", StringComparison.Ordinal);
        Assert.Contains("[3,0,0]", json, StringComparison.Ordinal);

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(XgboostModelRefusal.UnsupportedVersion, e.Refusal);
        Assert.Contains("3.0.0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_is_refused_as_malformed()
    {
        var bytes = XgboostFixture.ModelBytes("depth2_trees10");

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(bytes.AsSpan(0, bytes.Length / 2)));

        Assert.Equal(XgboostModelRefusal.Malformed, e.Refusal);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("{}")]
    [InlineData("{\"version\":[1,7,4],\"learner\":{}}")]
    public void Json_that_is_not_a_saved_booster_is_refused_as_malformed(string json)
    {
        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(XgboostModelRefusal.Malformed, e.Refusal);
    }

    [Fact]
    public void A_child_index_outside_the_tree_is_refused_as_malformed()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10"));
        var start = json.IndexOf("\"right_children\":[", StringComparison.Ordinal) + "\"right_children\":[".Length;
        var end = json.IndexOf(',', start);
        var corrupted = string.Concat(json.AsSpan(0, start), "999", json.AsSpan(end));

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(corrupted)));

        Assert.Equal(XgboostModelRefusal.Malformed, e.Refusal);
        Assert.Contains("outside the tree", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_feature_names_is_refused()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10"));
        var start = json.IndexOf("\"feature_names\":[", StringComparison.Ordinal);
        var end = json.IndexOf(']', start) + 1;
        var unnamed = string.Concat(json.AsSpan(0, start), "\"feature_names\":[]", json.AsSpan(end));

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(unnamed)));

        Assert.Equal(XgboostModelRefusal.MissingFeatureNames, e.Refusal);
    }

    [Fact]
    public void A_bare_NaN_split_condition_in_a_numeric_model_is_refused_as_malformed()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10"));
        var start = json.IndexOf("\"split_conditions\":[", StringComparison.Ordinal) + "\"split_conditions\":[".Length;
        var end = json.IndexOf(',', start);
        var corrupted = string.Concat(json.AsSpan(0, start), "NaN", json.AsSpan(end));

        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(Encoding.UTF8.GetBytes(corrupted)));

        Assert.Equal(XgboostModelRefusal.Malformed, e.Refusal);
    }

    [Fact]
    public void A_tree_at_the_depth_limit_loads_and_explains()
    {
        var model = XgboostModel.Parse(WithChainTree(XgboostJsonReader.MaxTreeDepth));
        var row = new double[model.FeatureCount];
        var contributions = new double[model.ContributionCount];

        model.PredictContributions(row, contributions);

        Assert.Equal(XgboostJsonReader.MaxTreeDepth, model.MaxDepth);
        Assert.Equal(model.PredictMargin(row), contributions.Sum(), 4);
    }

    [Theory]
    [InlineData(XgboostJsonReader.MaxTreeDepth + 1)]
    [InlineData(100_000)]
    public void A_tree_deeper_than_the_limit_is_refused_at_load_before_treeshap_could_overflow_the_stack(int depth)
    {
        var e = Assert.Throws<ModelArtifactException<XgboostModelRefusal>>(() => XgboostModel.Parse(WithChainTree(depth)));

        Assert.Equal(XgboostModelRefusal.UnsupportedBooster, e.Refusal);
        Assert.Contains("Tree 0 is deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The depth2_trees10 fixture with its first tree replaced by a chain of <paramref name="depth"/>
    /// splits (each split's left child a leaf, its right child the next split), the deepest shape
    /// for the fewest nodes.
    /// </summary>
    private static byte[] WithChainTree(int depth)
    {
        var model = JsonNode.Parse(XgboostFixture.ModelBytes("depth2_trees10"))!;
        var tree = model["learner"]!["gradient_booster"]!["model"]!["trees"]![0]!;
        var nodes = (2 * depth) + 1;
        var left = new int[nodes];
        var right = new int[nodes];
        var feature = new int[nodes];
        var condition = new float[nodes];
        var hessian = new float[nodes];
        var defaultLeft = new int[nodes];
        Array.Fill(left, -1);
        Array.Fill(right, -1);
        for (var level = 0; level < depth; level++)
        {
            // Split k is node 2k, its leaf 2k + 1, the next split 2k + 2 (the last one a leaf).
            var split = 2 * level;
            left[split] = split + 1;
            right[split] = split + 2;
            feature[split] = level % 16;
            condition[split] = 0.5f;
            defaultLeft[split] = level % 2;
        }

        for (var node = 0; node < nodes; node++)
        {
            hessian[node] = nodes - node;
            if (left[node] == -1)
            {
                condition[node] = 0.01f * (node % 7);
            }
        }

        tree["tree_param"]!["num_nodes"] = nodes.ToString(CultureInfo.InvariantCulture);
        tree["left_children"] = ToArray(left);
        tree["right_children"] = ToArray(right);
        tree["split_indices"] = ToArray(feature);
        tree["split_conditions"] = ToArray(condition);
        tree["sum_hessian"] = ToArray(hessian);
        tree["default_left"] = ToArray(defaultLeft);
        tree["split_type"] = ToArray(new int[nodes]);
        return Encoding.UTF8.GetBytes(model.ToJsonString());
    }

    private static JsonArray ToArray(int[] values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static JsonArray ToArray(float[] values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
