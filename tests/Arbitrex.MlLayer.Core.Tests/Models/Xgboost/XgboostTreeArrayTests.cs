using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

[Trait("Category", "Unit")]
public sealed class XgboostTreeArrayTests
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    [Fact]
    public void Every_tree_is_located_with_the_bytes_a_document_gives_it()
    {
        var bytes = XgboostFixture.ModelBytes("depth6_trees100");
        using var document = JsonDocument.Parse(bytes);
        var expected = document.RootElement.GetProperty("learner").GetProperty("gradient_booster").GetProperty("model")
            .GetProperty("trees").EnumerateArray().Select(t => t.GetRawText()).ToArray();

        var located = XgboostTreeArray.Locate(bytes, Options);

        Assert.NotNull(located);
        Assert.Equal(expected.Length, located.Count);
        for (var t = 0; t < located.Count; t++)
        {
            Assert.Equal(expected[t], Encoding.UTF8.GetString(bytes.AsSpan()[located[t]]));
        }
    }

    [Fact]
    public void The_outline_holds_everything_but_the_trees()
    {
        var bytes = XgboostFixture.ModelBytes("depth2_trees10");
        var original = JsonNode.Parse(bytes)!;

        var outline = JsonNode.Parse(XgboostTreeArray.Locate(bytes, Options)!.Outline(bytes))!;

        Assert.Empty(outline["learner"]!["gradient_booster"]!["model"]!["trees"]!.AsArray());
        original["learner"]!["gradient_booster"]!["model"]!["trees"] = new JsonArray();
        Assert.True(JsonNode.DeepEquals(original, outline));
    }

    [Theory]
    [InlineData("""{"learner":{"gradient_booster":{"model":{"trees":[1,2,3]}}},"learner":{"gradient_booster":{"model":{"trees":[{}]}}}}""", 1)]
    [InlineData("""{"learner":{"gradient_booster":{"model":{"trees":[1,2,3],"trees":[]}}}}""", 0)]
    [InlineData("""{"learner":{"gradient_booster":{"model":{"trees":[1,2,3]}}},"learner":{"gradient_booster":{"model":{}}}}""", null)]
    [InlineData("""{"learner":{"gradient_booster":{"model":{"trees":[1,2,3]}}},"learner":[]}""", null)]
    [InlineData("""{"learner":{"gradient_booster":{"model":{"trees":{"0":{}}}}}}""", null)]
    [InlineData("""[{"learner":{"gradient_booster":{"model":{"trees":[1]}}}}]""", null)]
    [InlineData("""{"a":{"learner":{"gradient_booster":{"model":{"trees":[1]}}}},"l\u0065arner":{"gradient_booster":{"model":{"trees":[1,[2]]}}}}""", 2)]
    public void A_repeated_property_counts_by_its_last_occurrence_as_a_document_reads_it(string json, int? trees)
    {
        var located = XgboostTreeArray.Locate(Encoding.UTF8.GetBytes(json), Options);

        Assert.Equal(trees, located?.Count);
    }

    [Fact]
    public void Invalid_json_after_the_trees_is_found()
    {
        var json = Encoding.UTF8.GetString(XgboostFixture.ModelBytes("depth2_trees10"));
        var broken = json[..json.LastIndexOf('}')] + ",}";

        Assert.ThrowsAny<JsonException>(() => XgboostTreeArray.Locate(Encoding.UTF8.GetBytes(broken), Options));
    }

    [Fact]
    public void A_model_whose_trees_come_before_its_parameters_loads_the_same()
    {
        var bytes = XgboostFixture.ModelBytes("depth6_trees100");
        var original = JsonNode.Parse(bytes)!.AsObject();
        var learner = original["learner"]!.AsObject();
        var reordered = new JsonObject
        {
            ["learner"] = new JsonObject(learner.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))),
            ["version"] = original["version"]!.DeepClone(),
        };
        var fixture = XgboostFixture.Reference("depth6_trees100");

        var expected = XgboostModel.Parse(bytes);
        var model = XgboostModel.Parse(Encoding.UTF8.GetBytes(reordered.ToJsonString()));

        Assert.Equal(expected.NodeCount, model.NodeCount);
        foreach (var row in fixture.Rows)
        {
            Assert.Equal(expected.PredictMargin(row), model.PredictMargin(row));
        }
    }
}
