using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Contracts.Tests;

[Trait("Category", "Unit")]
public sealed class FeatureMapJsonConverterTests
{
    private static FeatureSnapshot Parse(string features) =>
        JsonSerializer.Deserialize<FeatureSnapshot>(
            $$"""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{{features}}}""",
            ContractJson.Options)!;

    [Fact]
    public void Canonical_names_are_the_shared_strings_and_other_names_are_kept()
    {
        var features = Parse("""{"rsi":60,"z_\u0073core":1.5,"my_feature":2,"volatility":0.006}""").Features;

        Assert.Equal(4, features.Count);
        var keys = features.Keys.ToList();
        Assert.Same(CanonicalFeatures.All[CanonicalFeatures.IndexOf("rsi")], keys[0]);
        Assert.Same(CanonicalFeatures.All[CanonicalFeatures.IndexOf("z_score")], keys[1]);
        Assert.Equal("my_feature", keys[2]);
        Assert.Same(CanonicalFeatures.Volatility, keys[3]);
        Assert.Equal(1.5, features["z_score"]);
        Assert.Equal(2, features["my_feature"]);
    }

    [Fact]
    public void Named_literals_are_read_and_a_repeated_name_keeps_its_last_value()
    {
        var features = Parse("""{"rsi":"NaN","drawdown":"-Infinity","skewness":1,"skewness":3}""").Features;

        Assert.True(double.IsNaN(features["rsi"]));
        Assert.Equal(double.NegativeInfinity, features["drawdown"]);
        Assert.Equal(3, features["skewness"]);
    }

    [Fact]
    public void A_repeated_name_is_refused_at_its_feature_when_the_options_refuse_duplicate_properties()
    {
        var options = new JsonSerializerOptions(ContractJson.Options) { AllowDuplicateProperties = false };
        var json = """{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"rsi":60,"skewness":1,"skewness":3}}""";

        var refusal = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeatureSnapshot>(json, options));

        Assert.Equal("$.features.skewness", refusal.Path);
        Assert.Contains("'skewness'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"rsi":"high"}""", "$.features.rsi")]
    [InlineData("""{"rsi":true}""", "$.features.rsi")]
    [InlineData("""{"rsi":{"value":1}}""", "$.features.rsi")]
    [InlineData("""[1,2]""", "$.features")]
    public void A_value_that_is_not_a_number_is_reported_at_its_feature(string features, string path)
    {
        var error = Assert.Throws<JsonException>(() => Parse(features));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Writing_is_the_default_dictionary_format()
    {
        var snapshot = Parse("""{"rsi":60,"volatility":0.006}""");

        var json = JsonSerializer.Serialize(snapshot, ContractJson.Options);

        Assert.Contains("\"features\":{\"rsi\":60,\"volatility\":0.006}", json, StringComparison.Ordinal);
    }
}
