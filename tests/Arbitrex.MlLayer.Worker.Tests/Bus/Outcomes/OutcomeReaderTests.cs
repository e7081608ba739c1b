using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Outcomes;

[Trait("Category", "Unit")]
public sealed class OutcomeReaderTests
{
    private const string Valid = """{"decision_id":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":true,"realized_return":0.012,"closed_at":"2025-12-22T16:00:00Z"}""";

    private static OutcomeRefusedException Refusal(string json) =>
        Assert.Throws<OutcomeRefusedException>(() => OutcomeReader.Read(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_valid_outcome_is_read_with_its_times_in_utc()
    {
        var outcome = OutcomeReader.Read(Encoding.UTF8.GetBytes(Valid));

        Assert.Equal("abc", outcome.DecisionId);
        Assert.Equal(new DateTime(2025, 12, 22, 4, 0, 0, DateTimeKind.Utc), outcome.BarTime);
        Assert.Equal(DateTimeKind.Utc, outcome.BarTime.Kind);
        Assert.True(outcome.Success);
        Assert.Equal(0.012, outcome.RealizedReturn);
        Assert.Equal(new DateTime(2025, 12, 22, 16, 0, 0, DateTimeKind.Utc), outcome.ClosedAt);
    }

    [Fact]
    public void The_optional_fields_may_be_left_out()
    {
        var outcome = OutcomeReader.Read(Encoding.UTF8.GetBytes("""{"decision_id":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":false}"""));

        Assert.False(outcome.Success);
        Assert.Null(outcome.RealizedReturn);
        Assert.Null(outcome.ClosedAt);
    }

    [Theory]
    [InlineData("decision_id")]
    [InlineData("symbol")]
    [InlineData("timeframe")]
    [InlineData("bar_time")]
    [InlineData("success")]
    public void A_missing_required_field_is_refused_naming_it(string field)
    {
        var json = Encoding.UTF8.GetString(Bars.Json(TestOutcomes.Of("EURUSD", 1)));
        var without = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        without.Remove(field);

        var refusal = Refusal(without.ToJsonString());

        Assert.Equal(OutcomeRefusedException.Invalid, refusal.Category);
        Assert.StartsWith("invalid outcome: ", refusal.Message, StringComparison.Ordinal);
        Assert.Equal($"invalid outcome: {field} is required", refusal.Message);
    }

    [Fact]
    public void A_key_given_twice_is_refused_naming_the_key()
    {
        var refusal = Refusal(Valid.Replace("\"success\":true", "\"success\":true,\"success\":false", StringComparison.Ordinal));

        Assert.Equal(OutcomeRefusedException.Malformed, refusal.Category);
        Assert.StartsWith("malformed JSON", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("'success'", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"decision_id\": ", "malformed JSON")]
    [InlineData("[1, 2]", "malformed outcome: expected a JSON object, got Array")]
    public void A_body_that_is_not_a_json_object_is_malformed(string json, string reason)
    {
        var refusal = Refusal(json);

        Assert.Equal(OutcomeRefusedException.Malformed, refusal.Category);
        Assert.StartsWith(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"decision_id\":\"abc\"", "\"decision_id\":\"  \"", "decision_id is empty")]
    [InlineData("\"timeframe\":\"4H\"", "\"timeframe\":\"7H\"", "timeframe '7H' is not one of")]
    [InlineData("\"symbol\":\"EURUSD\"", "\"symbol\":\"EUR USD\"", "symbol 'EUR USD' must be")]
    [InlineData("\"bar_time\":\"2025-12-22T04:00:00Z\"", "\"bar_time\":\"2025-12-22T04:00:00\"", "bar_time must be ISO-8601 with a UTC offset")]
    [InlineData("\"realized_return\":0.012", "\"realized_return\":NaN", "realized_return is not a finite number")]
    [InlineData("\"success\":true", "\"success\":\"yes\"", "success must be true or false")]
    public void A_field_out_of_range_is_refused_naming_it(string field, string replacement, string reason)
    {
        var refusal = Refusal(Valid.Replace(field, replacement, StringComparison.Ordinal));

        Assert.Equal(OutcomeRefusedException.Invalid, refusal.Category);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Valid)]
    [InlineData("""{"decision_id":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":false}""")]
    [InlineData("""{ "success" : true , "bar_time" : "2025-12-22T06:00:00+02:00", "timeframe":"4H", "symbol":"EURUSD", "decision_id":"abc" }""")]
    [InlineData("""{"decision_id":"a\u0062c","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00.1234567Z","success":true,"realized_return":-1.5e-3,"closed_at":null}""")]
    [InlineData("""{"decision_id":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":true,"realized_return":null,"closed_at":"2025-12-22T16:00:00-05:00"}""")]
    [InlineData("""{"decision_id":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":true,"note":"x"}""")]
    [InlineData("""{"decision\u005fid":"abc","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T04:00:00Z","success":true}""")]
    public void A_valid_body_of_any_form_is_read_as_the_contract_reads_it(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        var read = OutcomeReader.Read(body);

        var contract = OutcomeReader.Validate(JsonSerializer.Deserialize<TradeOutcome>(body, ContractJson.Options)!);
        Assert.Equal(contract, read);
        Assert.Equal("abc", read.DecisionId);
        Assert.Equal(DateTimeKind.Utc, read.BarTime.Kind);
        Assert.Equal(contract.ClosedAt?.Kind, read.ClosedAt?.Kind);
    }
}
