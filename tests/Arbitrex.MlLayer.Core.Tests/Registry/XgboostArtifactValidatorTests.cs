using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class XgboostArtifactValidatorTests
{
    private readonly XgboostArtifactValidator _validator = new();

    [Fact]
    public void Accepts_a_signal_filter_over_canonical_features_and_returns_its_features()
    {
        var features = _validator.Validate("signal_filter", XgboostFixture.ModelBytes("depth5_trees30_subset_exact"));

        Assert.Equal(XgboostFixture.Reference("depth5_trees30_subset_exact").FeatureNames, features);
    }

    [Fact]
    public void Refuses_a_binary_model_for_the_regime_classifier()
    {
        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("regime_classifier", XgboostFixture.ModelBytes("depth2_trees10")));

        Assert.Contains("signal_filter only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_categorical_model_with_the_loader_reason()
    {
        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("signal_filter", XgboostFixture.ModelBytes("refused_categorical")));

        Assert.Contains("categorical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_features_outside_the_canonical_sixteen()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10")).Replace("\"skewness\"", "\"kurtosis\"", StringComparison.Ordinal);

        var e = Assert.Throws<InvalidModelException>(() => _validator.Validate("signal_filter", Encoding.UTF8.GetBytes(json)));

        Assert.Contains("kurtosis", e.Message, StringComparison.Ordinal);
    }
}
