using System.Text;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Models.LightGbm;

namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

[Trait("Category", "Unit")]
public sealed class LightGbmTextReaderTests
{
    [Fact]
    public void Reads_a_hand_written_model_in_the_v3_format()
    {
        var model = LightGbmModel.Parse(Encoding.UTF8.GetBytes(LightGbmModelTests.OneSplitModel(0, "0.5").Replace("version=v4", "version=v3", StringComparison.Ordinal)));

        Assert.Equal("v3", model.FormatVersion);
        Assert.Equal(1, model.TreeCount);
    }

    [Fact]
    public void Refuses_a_categorical_split_naming_it()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(decisionType: 1, threshold: "0"));

        Assert.Equal(LightGbmModelRefusal.CategoricalSplits, e.Refusal);
        Assert.Contains("categorical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_tree_with_categories()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5").Replace("num_cat=0", "num_cat=1", StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.CategoricalSplits, e.Refusal);
    }

    [Fact]
    public void Refuses_linear_trees()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5").Replace("is_linear=0", "is_linear=1", StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.LinearTrees, e.Refusal);
        Assert.Contains("linear tree", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_multiclass_model()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5", objective: "multiclass num_class:3").Replace("num_class=1", "num_class=3", StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.UnsupportedObjective, e.Refusal);
        Assert.Contains("multiclass", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("regression")]
    [InlineData("cross_entropy")]
    [InlineData("lambdarank")]
    public void Refuses_objectives_other_than_binary_naming_them(string objective)
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5", objective: objective));

        Assert.Equal(LightGbmModelRefusal.UnsupportedObjective, e.Refusal);
        Assert.Contains($"'{objective}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_model_without_an_objective()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5").Replace("objective=binary sigmoid:1\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.UnsupportedObjective, e.Refusal);
    }

    [Fact]
    public void Refuses_an_unknown_format_version()
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5").Replace("version=v4", "version=v2", StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.UnsupportedVersion, e.Refusal);
    }

    [Theory]
    [InlineData("left_child=-1", "left_child=-3")]
    [InlineData("leaf_value=-1 1", "leaf_value=-1")]
    [InlineData("threshold=0.5", "threshold=abc")]
    [InlineData("end of trees", "")]
    [InlineData("tree_sizes=1", "tree_sizes=1 2")]
    [InlineData("Tree=0", "Tree=1")]
    public void Refuses_a_malformed_model(string field, string replacement)
    {
        var e = Refused(LightGbmModelTests.OneSplitModel(0, "0.5").Replace(field, replacement, StringComparison.Ordinal));

        Assert.Equal(LightGbmModelRefusal.Malformed, e.Refusal);
        Assert.StartsWith("The LightGBM model is malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_text_that_is_not_a_model()
    {
        var e = Assert.Throws<ModelArtifactException<LightGbmModelRefusal>>(() => LightGbmModel.Parse("{\"learner\":{}}"u8));

        Assert.Equal(LightGbmModelRefusal.Malformed, e.Refusal);
    }

    private static ModelArtifactException<LightGbmModelRefusal> Refused(string text) =>
        Assert.Throws<ModelArtifactException<LightGbmModelRefusal>>(() => LightGbmModel.Parse(Encoding.UTF8.GetBytes(text)));
}
