using Arbitrex.MlLayer.Core.Configuration;

namespace Arbitrex.MlLayer.Core.Tests.Configuration;

[Trait("Category", "Unit")]
public sealed class EngineConfigValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(EngineConfigValidator.Validate(new EngineConfig()));
    }

    public static TheoryData<string, string> BadDocuments => new()
    {
        { """{"decision":{"min_regime_confidence":1.7}}""", "decision.min_regime_confidence" },
        { """{"decision":{"min_signal_probability":-0.1}}""", "decision.min_signal_probability" },
        { """{"decision":{"allowed_regimes":[]}}""", "decision.allowed_regimes" },
        { """{"decision":{"allowed_regimes":["SIDEWAYS"]}}""", "decision.allowed_regimes[0]" },
        { """{"regime":{"smoothing_bars":0}}""", "regime.smoothing_bars" },
        { """{"regime":{"stressed_volatility_percentile":1.2}}""", "regime.stressed_volatility_percentile" },
        { """{"regime":{"trending_momentum":-1}}""", "regime.trending_momentum" },
        { """{"signal_filter":{"entry_threshold":0.4,"exit_threshold":0.5}}""", "signal_filter.exit_threshold" },
        { """{"signal_filter":{"high_confidence":0.3}}""", "signal_filter.high_confidence" },
        { """{"signal_filter":{"rule_weights":{"not_a_feature":1}}}""", "signal_filter.rule_weights.not_a_feature" },
        { """{"signal_filter":{"rule_weights":{"rsi":1e308}}}""", "signal_filter.rule_weights.rsi" },
        { """{"signal_filter":{"rule_weights":{"rsi":-100.5}}}""", "signal_filter.rule_weights.rsi" },
        { """{"regime":{"trending_momentum":1e308}}""", "regime.trending_momentum" },
        { """{"monitoring":{"alert_rules":[{"name":"x","metric":"allow_rate","operator":">","threshold":1e308}]}}""", "monitoring.alert_rules[0].threshold" },
        { """{"model":{"signal_filter_version":"latest"}}""", "model.signal_filter_version" },
        { """{"monitoring":{"history_size":0}}""", "monitoring.history_size" },
        { """{"monitoring":{"alert_rules":[{"name":"x","metric":"allow_rate","operator":"=>","threshold":1}]}}""", "monitoring.alert_rules[0].operator" },
        { """{"monitoring":{"alert_rules":[{"name":"x","metric":"allow_rate","operator":">","threshold":1,"window_minutes":-5}]}}""", "monitoring.alert_rules[0].window_minutes" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public void A_bad_value_is_refused_naming_its_key(string patch, string key)
    {
        var error = Assert.Throws<InvalidConfigException>(() => EngineConfigJson.Merge(new EngineConfig(), patch));

        Assert.Contains(error.Errors, e => e.Key == key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_rule_may_not_take_the_name_of_a_host_rule()
    {
        var config = EngineConfigJson.Merge(new EngineConfig(), """{"monitoring":{"alert_rules":[{"name":"backlog","metric":"allow_rate","operator":">","threshold":1}]}}""");

        var error = Assert.Single(EngineConfigValidator.Validate(config, ["backlog"]));

        Assert.Equal("monitoring.alert_rules[0].name", error.Key);
        Assert.Empty(EngineConfigValidator.Validate(config));
    }
}
