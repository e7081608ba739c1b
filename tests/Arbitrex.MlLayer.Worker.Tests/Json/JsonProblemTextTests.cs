using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Json;

namespace Arbitrex.MlLayer.Worker.Tests.Json;

[Trait("Category", "Unit")]
public sealed class JsonProblemTextTests
{
    private static (string Field, string Message) Describe<T>(string json) =>
        JsonProblemText.Describe(Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json, WorkerJson.Contract)));

    [Fact]
    public void A_bare_nan_token_names_the_object_that_holds_it()
    {
        var (field, message) = Describe<PredictRequest>("""{"symbol":"EURUSD","timeframe":"4H","features":{"rsi": NaN}}""");

        Assert.Equal("features", field);
        Assert.StartsWith("features holds a bare NaN or Infinity, which is not JSON", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_says_what_was_expected_in_words()
    {
        var (field, message) = Describe<MlDecision>("""{"decision_reasons": "one reason"}""");

        Assert.Equal("decision_reasons", field);
        Assert.Equal("decision_reasons must be an array of strings", message);
    }

    [Fact]
    public void A_number_sent_as_an_object_says_a_number_was_expected()
    {
        var (field, message) = Describe<MlDecision>("""{"processing_time_ms": {}}""");

        Assert.Equal(("processing_time_ms", "processing_time_ms must be a number"), (field, message));
    }

    // Contract types are read by generated metadata, whose error names the object holding the member, not its type.
    [Theory]
    [InlineData("""{"processing_time_ms": "fast"}""", "processing_time_ms", "processing_time_ms must be a number")]
    [InlineData("""{"allow_trade": 1}""", "allow_trade", "allow_trade must be true or false")]
    [InlineData("""{"symbol": 1}""", "symbol", "symbol must be a string")]
    [InlineData("""{"bar_time": "yesterday"}""", "bar_time", "bar_time must be an ISO 8601 date-time string")]
    [InlineData("""{"regime": {"confidence": []}}""", "regime.confidence", "regime.confidence must be a number")]
    [InlineData("""{"regime": 1}""", "regime", "regime must be a JSON object")]
    public void A_contract_member_of_the_wrong_type_says_what_was_expected(string json, string expectedField, string expectedMessage) =>
        Assert.Equal((expectedField, expectedMessage), Describe<MlDecision>(json));

    [Fact]
    public void A_missing_required_member_is_named()
    {
        var (field, message) = Describe<FeatureSnapshot>("""{"timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{}}""");

        Assert.Equal("symbol", field);
        Assert.Equal("symbol is required", message);
    }

    [Fact]
    public void Broken_json_is_the_body_s_fault_with_its_position()
    {
        var (field, message) = Describe<PredictRequest>("""{"symbol": "EURUSD",""");

        Assert.Equal("body", field);
        Assert.StartsWith("the request body is not valid JSON (line 1, position", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_puts_the_path_under_an_enclosing_field()
    {
        var exception = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, double>>("""{"auc": "high"}"""));

        Assert.Equal("metadata.auc", JsonProblemText.Describe(exception, "metadata").Field);
    }

    [Theory]
    [InlineData("""{"decision_reasons": 5}""")]
    [InlineData("""{"regime": []}""")]
    [InlineData("""{"bar_time": true}""")]
    [InlineData("""{"allow_trade": "yes"}""")]
    public void No_message_names_a_dotnet_type(string json)
    {
        var (_, message) = Describe<MlDecision>(json);

        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Arbitrex.", message, StringComparison.Ordinal);
    }
}
