using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Configuration;

namespace Arbitrex.MlLayer.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class EngineConfigJsonTests
{
    [Fact]
    public void Document_uses_the_seed_sections_and_snake_case_keys()
    {
        var json = EngineConfigJson.ToJson(new EngineConfig());

        Assert.Equal(["decision", "governance", "model", "monitoring", "regime", "signal_filter"], json.Select(p => p.Key).Order());
        Assert.Equal(0.6, json["decision"]!["min_regime_confidence"]!.GetValue<double>());
        Assert.Equal(0.55, json["decision"]!["min_signal_probability"]!.GetValue<double>());
        Assert.Equal("TRENDING", json["decision"]!["allowed_regimes"]![0]!.GetValue<string>());
        Assert.False(json["signal_filter"]!["use_ml_model"]!.GetValue<bool>());
        Assert.True(json["governance"]!["enable_prediction_logging"]!.GetValue<bool>());
        Assert.Equal("v1.0.0_rule_based", json["model"]!["signal_filter_version"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_applies_a_partial_document_and_keeps_the_rest()
    {
        var merged = EngineConfigJson.Merge(new EngineConfig(), """{"decision":{"min_signal_probability":0.6},"signal_filter":{"use_ml_model":true}}""");

        Assert.Equal(0.6, merged.Decision.MinSignalProbability);
        Assert.Equal(0.6, merged.Decision.MinRegimeConfidence);
        Assert.True(merged.SignalFilter.UseMlModel);
        Assert.Equal(["TRENDING"], merged.Decision.AllowedRegimes);
    }

    [Fact]
    public void A_custom_alert_rule_that_leaves_members_out_gets_their_defaults()
    {
        var merged = EngineConfigJson.Merge(
            new EngineConfig(),
            """{"monitoring":{"alert_rules":[{"name":"low_allow","metric":"allow_rate","threshold":0.1}]}}""");

        var rule = Assert.Single(merged.Monitoring.AlertRules);
        Assert.Equal((">", 60, AlertSeverities.Warning, 0.0), (rule.Operator, rule.WindowMinutes, rule.Severity, rule.ForSeconds));
    }

    [Fact]
    public void Merge_replaces_lists_instead_of_appending()
    {
        var merged = EngineConfigJson.Merge(new EngineConfig(), """{"decision":{"allowed_regimes":["RANGING"]}}""");

        Assert.Equal(["RANGING"], merged.Decision.AllowedRegimes);
    }

    [Theory]
    [InlineData("""{"decision":{"min_regime_confidnce":0.5}}""", "decision.min_regime_confidnce")]
    [InlineData("""{"decison":{}}""", "decison")]
    public void Merge_refuses_unknown_keys_by_name(string patch, string key)
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), patch));

        var only = Assert.Single(error.Errors);
        Assert.Equal(key, only.Key);
        Assert.Contains("not a known config key", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_refuses_wrong_types_by_name()
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), """{"signal_filter":{"use_ml_model":"maybe"}}"""));

        Assert.Equal("signal_filter.use_ml_model", Assert.Single(error.Errors).Key);
    }

    [Fact]
    public void Merge_refuses_invalid_values_by_name()
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), """{"decision":{"min_regime_confidence":1.7}}"""));

        var only = Assert.Single(error.Errors);
        Assert.Equal("decision.min_regime_confidence", only.Key);
        Assert.Contains("1.7", only.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_refuses_a_document_that_is_not_an_object()
    {
        Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), "[1,2]"));
        Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), "{not json"));
    }

    [Fact]
    public void From_configuration_reads_snake_case_keys_with_types_and_replaces_lists()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MlLayer:decision:min_regime_confidence"] = "0.7",
            ["MlLayer:decision:allowed_regimes:0"] = "TRENDING",
            ["MlLayer:decision:allowed_regimes:1"] = "RANGING",
            ["MlLayer:regime:smoothing_enabled"] = "false",
            ["MlLayer:regime:smoothing_bars"] = "5",
            ["MlLayer:signal_filter:rule_weights:rsi"] = "0.5",
            ["MlLayer:monitoring:alert_rules:0:name"] = "very_low_probability",
            ["MlLayer:monitoring:alert_rules:0:metric"] = "avg_signal_prob",
            ["MlLayer:monitoring:alert_rules:0:operator"] = "<",
            ["MlLayer:monitoring:alert_rules:0:threshold"] = "0.4",
            ["MlLayer:monitoring:alert_rules:0:window_minutes"] = "30",
        }).Build();

        var config = EngineConfigJson.FromConfiguration(configuration.GetSection(EngineConfig.SectionName));

        Assert.Equal(0.7, config.Decision.MinRegimeConfidence);
        Assert.Equal(["TRENDING", "RANGING"], config.Decision.AllowedRegimes);
        Assert.False(config.Regime.SmoothingEnabled);
        Assert.Equal(5, config.Regime.SmoothingBars);
        Assert.Equal(0.5, config.SignalFilter.RuleWeights["rsi"]);
        var rule = Assert.Single(config.Monitoring.AlertRules);
        Assert.Equal(("very_low_probability", "<", 0.4, 30), (rule.Name, rule.Operator, rule.Threshold, rule.WindowMinutes));
    }

    [Fact]
    public void From_configuration_refuses_unknown_keys_and_bad_values_naming_the_key()
    {
        var unknown = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MlLayer:decision:min_confidence"] = "0.7" }).Build();
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MlLayer:regime:smoothing_bars"] = "-2" }).Build();

        var unknownError = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.FromConfiguration(unknown.GetSection("MlLayer")));
        var badError = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.FromConfiguration(bad.GetSection("MlLayer")));

        Assert.Equal("decision.min_confidence", Assert.Single(unknownError.Errors).Key);
        Assert.Equal("regime.smoothing_bars", Assert.Single(badError.Errors).Key);
    }

    [Fact]
    public void Serialised_document_reads_back_to_an_equal_config()
    {
        var config = EngineConfigJson.Merge(new EngineConfig(), """{"regime":{"trending_momentum":0.25},"signal_filter":{"rule_weights":{"rsi":0.3}}}""");

        var roundTripped = EngineConfigJson.Merge(new EngineConfig(), JsonNode.Parse(EngineConfigJson.Serialize(config))!.AsObject());

        Assert.Equal(EngineConfigJson.Serialize(config), EngineConfigJson.Serialize(roundTripped));
    }

    [Theory]
    [InlineData("""{"decision":{"min_signal_probability":0.6},"decision":{"min_regime_confidence":0.7}}""", "decision")]
    [InlineData("""{"decision":{"min_signal_probability":0.6,"min_signal_probability":0.7}}""", "decision.min_signal_probability")]
    [InlineData("""{"monitoring":{"alert_rules":[{"name":"a","name":"b"}]}}""", "monitoring.alert_rules[0].name")]
    public void Merge_refuses_a_key_given_twice_by_name(string patch, string key)
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), patch));

        Assert.Equal(key, Assert.Single(error.Errors).Key);
    }

    [Fact]
    public void Merge_refuses_a_null_alert_rule_by_index()
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), """{"monitoring":{"alert_rules":[null]}}"""));

        var only = Assert.Single(error.Errors);
        Assert.Equal("monitoring.alert_rules[0]", only.Key);
        Assert.Equal("must be an object", only.Message);
    }
}
