using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Contracts.Tests;

/// <summary>Round-trips the JSON examples of DESIGN.md §2 through the contract types.</summary>
[Trait("Category", "Unit")]
public sealed class ContractJsonTests
{
    private const string FeatureSnapshotJson = """
        {"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z",
         "features":{"momentum_score":0.42,"efficiency_ratio":0.61,"volatility":0.0071,
                     "volatility_percentile":0.55,"correlation":0.32}}
        """;

    private const string QseOutputJson = """
        {"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z",
         "signal_valid":true,
         "gates":{"trend_persistence":{"passed":true,"value":0.71},
                  "stationarity":{"passed":true,"value":0.02},
                  "z_score":{"passed":true,"value":1.8},
                  "autocorrelation":{"passed":true,"value":0.21},
                  "signal_validity":{"passed":true,"value":1.0}}}
        """;

    private const string MlDecisionJson = """
        {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EURUSD","timeframe":"4H",
         "bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.187Z",
         "allow_trade":false,
         "regime":{"regime_label":"RANGING","confidence":0.5,"efficiency_ratio":0.31,
                   "probabilities":{"TRENDING":0.3,"RANGING":0.5,"STRESSED":0.2}},
         "signal":{"success_probability":0.472,"should_enter":false,"should_exit":false,
                   "confidence_level":"LOW","top_features":[{"name":"momentum_score","importance":0.12}]},
         "decision_reasons":["Regime not allowed: RANGING"],
         "qse_valid":true,"processing_time_ms":0.004,"config_hash":"eb865791dc659ec1",
         "model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v1.0.0"}}
        """;

    [Fact]
    public void Feature_snapshot_reads_the_design_example_and_writes_it_back_unchanged()
    {
        var snapshot = JsonSerializer.Deserialize<FeatureSnapshot>(FeatureSnapshotJson, ContractJson.Options)!;

        Assert.Equal("EURUSD", snapshot.Symbol);
        Assert.Equal(new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc), snapshot.BarTime);
        Assert.Equal(DateTimeKind.Utc, snapshot.BarTime.Kind);
        Assert.Equal(0.0071, snapshot.Features["volatility"]);
        AssertSameJson(FeatureSnapshotJson, JsonSerializer.Serialize(snapshot, ContractJson.Options));
    }

    [Fact]
    public void Qse_output_reads_the_design_example_and_writes_it_back_unchanged()
    {
        var qse = JsonSerializer.Deserialize<QseOutput>(QseOutputJson, ContractJson.Options)!;

        Assert.True(qse.SignalValid);
        Assert.Equal(1.8, qse.Gates.ZScore.Value);
        Assert.True(qse.Gates.SignalValidity.Passed);
        AssertSameJson(QseOutputJson, JsonSerializer.Serialize(qse, ContractJson.Options));
    }

    [Fact]
    public void Ml_decision_reads_the_design_example_and_writes_it_back_unchanged()
    {
        var decision = JsonSerializer.Deserialize<MlDecision>(MlDecisionJson, ContractJson.Options)!;

        Assert.Equal("RANGING", decision.Regime.RegimeLabel);
        Assert.Equal(0.472, decision.Signal.SuccessProbability);
        Assert.Equal("momentum_score", decision.Signal.TopFeatures[0].Name);
        Assert.Equal(["Regime not allowed: RANGING"], decision.DecisionReasons);
        AssertSameJson(MlDecisionJson, JsonSerializer.Serialize(decision, ContractJson.Options));
    }

    [Fact]
    public void A_message_missing_a_required_field_is_refused_naming_it()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<QseOutput>("""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","gates":null,"signal_valid":true}""", ContractJson.Options));
        var missing = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeatureSnapshot>("""{"symbol":"EURUSD","timeframe":"4H","features":{}}""", ContractJson.Options));

        Assert.Contains("gates", error.Message, StringComparison.Ordinal);
        Assert.Contains("bar_time", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_number_feature_is_refused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeatureSnapshot>("""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"rsi":"high"}}""", ContractJson.Options));
    }

    [Fact]
    public void Quoted_nan_is_read_so_the_engine_can_refuse_it_by_name()
    {
        var snapshot = JsonSerializer.Deserialize<FeatureSnapshot>("""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"rsi":"NaN","atr_ratio":"-Infinity"}}""", ContractJson.Options)!;

        Assert.True(double.IsNaN(snapshot.Features["rsi"]));
        Assert.True(double.IsNegativeInfinity(snapshot.Features["atr_ratio"]));
    }

    [Fact]
    public void Bare_nan_as_python_json_dumps_writes_it_is_malformed_json()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeatureSnapshot>("""{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"rsi":NaN}}""", ContractJson.Options));
    }

    [Fact]
    public void Routing_keys_are_symbol_dot_timeframe()
    {
        Assert.Equal("EURUSD.4H", MessageExchanges.RoutingKey("EURUSD", "4H"));
        Assert.Equal(16, CanonicalFeatures.All.Count);
        Assert.Equal(16, CanonicalFeatures.All.Distinct().Count());
    }

    private static void AssertSameJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual {actual}");
}
