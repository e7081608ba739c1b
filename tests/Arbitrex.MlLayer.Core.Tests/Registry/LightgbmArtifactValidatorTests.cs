using System.Text;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class LightgbmArtifactValidatorTests
{
    private readonly LightgbmArtifactValidator _validator = new();

    [Fact]
    public void Accepts_a_model_the_native_library_wrote_and_returns_its_features()
    {
        var features = _validator.Validate("signal_filter", LightGbmFixture.ModelBytes("feature_subset"));

        Assert.Equal(LightGbmFixture.Reference("feature_subset").FeatureNames, features);
    }

    [Fact]
    public void Refuses_a_model_for_the_regime_classifier()
    {
        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("regime_classifier", LightGbmFixture.ModelBytes("default_31_leaves")));

        Assert.Contains("signal_filter only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_feature_the_engine_does_not_have_naming_it()
    {
        var text = Encoding.UTF8.GetString(LightGbmFixture.ModelBytes("default_31_leaves")).Replace(" rsi ", " Column_6 ", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("signal_filter", Encoding.UTF8.GetBytes(text)));

        Assert.Contains("Column_6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_categorical_model_with_the_readers_reason()
    {
        var e = Assert.Throws<InvalidModelException>(() =>
            _validator.Validate("signal_filter", Encoding.UTF8.GetBytes(LightGbmModelTests.OneSplitModel(decisionType: 1, threshold: "0"))));

        Assert.Contains("categorical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_pickle_bytes_saying_what_to_export()
    {
        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("signal_filter", [0x80, 0x05, 0x95]));

        Assert.Equal(ArtifactContent.PickleRefusal, e.Message);
    }

    [Fact]
    public void Refuses_a_model_whose_smoke_prediction_is_not_finite()
    {
        // Both leaves near double.MaxValue: each parses as finite, but two trees overflow the sum.
        var tree = LightGbmModelTests.OneSplitModel(0, "0.5").Replace("leaf_value=-1 1", "leaf_value=1.5e308 1.5e308", StringComparison.Ordinal);
        var start = tree.IndexOf("Tree=0", StringComparison.Ordinal);
        var end = tree.IndexOf("end of trees", StringComparison.Ordinal);
        var twoTrees = tree[..end].Replace("tree_sizes=1", "tree_sizes=1 1", StringComparison.Ordinal)
            + tree[start..end].Replace("Tree=0", "Tree=1", StringComparison.Ordinal) + tree[end..];

        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("signal_filter", Encoding.UTF8.GetBytes(twoTrees)));

        Assert.Contains("smoke prediction", e.Message, StringComparison.Ordinal);
    }
}
