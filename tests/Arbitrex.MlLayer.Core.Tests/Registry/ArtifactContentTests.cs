using System.Text;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Registry;

[Trait("Category", "Unit")]
public sealed class ArtifactContentTests
{
    [Fact]
    public void LightGBM_text_is_a_lightgbm_artifact()
    {
        Assert.Equal(ModelKind.Lightgbm, ArtifactContent.Detect(LightGbmFixture.ModelBytes("default_31_leaves")));
    }

    [Fact]
    public void LightGBM_text_with_windows_line_ends_and_a_byte_order_mark_is_a_lightgbm_artifact()
    {
        var text = "\uFEFF" + LightGbmModelTests.OneSplitModel(0, "0.5").Replace("\n", "\r\n", StringComparison.Ordinal);

        Assert.Equal(ModelKind.Lightgbm, ArtifactContent.Detect(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void XGBoost_json_is_an_xgboost_artifact()
    {
        Assert.Equal(ModelKind.XgboostJson, ArtifactContent.Detect(XgboostFixture.ModelBytes("depth2_trees10")));
    }

    [Fact]
    public void Other_json_is_a_rule_based_artifact()
    {
        Assert.Equal(ModelKind.RuleBased, ArtifactContent.Detect("{\"kind\":\"rule_based\"}"u8));
    }

    [Theory]
    [InlineData("""{"kind":"rule_based","params":{"learner":1}}""", ModelKind.RuleBased)]
    [InlineData("""{"kind":"x","learner":{"a":[1,2]},"z":2}""", ModelKind.XgboostJson)]
    [InlineData("""{"l\u0065arner":{}}""", ModelKind.XgboostJson)]
    public void Only_a_learner_at_the_top_level_makes_xgboost_json(string json, ModelKind kind)
    {
        Assert.Equal(kind, ArtifactContent.Detect(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"learner":{},"version":[1,7,4],}""")]
    [InlineData("""{"learner":{"trees":[1,2""")]
    [InlineData("""{"kind":"rule_based","x":tru}""")]
    public void Json_broken_anywhere_is_refused_as_not_json(string json)
    {
        var e = Assert.Throws<InvalidModelException>(() => ArtifactContent.Detect(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("The artifact is not JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pickle_is_refused_saying_what_to_export_instead()
    {
        // Protocol 4 header, then the start of a pickled object.
        byte[] pickle = [0x80, 0x04, 0x95, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x8c, 0x08];

        var e = Assert.Throws<InvalidModelException>(() => ArtifactContent.Detect(pickle));

        Assert.Contains("booster.save_model('model.txt') (LightGBM)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Booster.save_model('model.json') (XGBoost)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_of_no_kind_are_refused()
    {
        var e = Assert.Throws<InvalidModelException>(() => ArtifactContent.Detect("PK\u0003\u0004"u8));

        Assert.Contains("LightGBM text model", e.Message, StringComparison.Ordinal);
    }
}
