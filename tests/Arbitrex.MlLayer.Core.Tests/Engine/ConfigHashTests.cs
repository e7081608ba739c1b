using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class ConfigHashTests
{
    private static readonly ModelLoader Loader = new(new ModelFolderArtifactSource(RepoPaths.Models));

    private static string HashOf(string patch) =>
        EngineSnapshot.Build(EngineConfigJson.Merge(new EngineConfig(), patch), Loader).ConfigHash;

    [Fact]
    public void Same_config_gives_the_same_hash()
    {
        Assert.Equal(HashOf("{}"), HashOf("{}"));
        Assert.Matches("^[0-9a-f]{16}$", HashOf("{}"));
    }

    [Fact]
    public void Key_order_does_not_matter()
    {
        var a = HashOf("""{"decision":{"min_regime_confidence":0.7,"min_signal_probability":0.6},"regime":{"smoothing_bars":4}}""");
        var b = HashOf("""{"regime":{"smoothing_bars":4},"decision":{"min_signal_probability":0.6,"min_regime_confidence":0.7}}""");

        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("""{"decision":{"min_regime_confidence":0.61}}""")]
    [InlineData("""{"decision":{"min_signal_probability":0.56}}""")]
    [InlineData("""{"decision":{"allowed_regimes":["TRENDING","RANGING"]}}""")]
    [InlineData("""{"regime":{"stressed_volatility_percentile":0.85}}""")]
    [InlineData("""{"regime":{"trending_efficiency_ratio":0.45}}""")]
    [InlineData("""{"regime":{"trending_momentum":0.2}}""")]
    [InlineData("""{"regime":{"smoothing_bars":2}}""")]
    [InlineData("""{"regime":{"smoothing_enabled":false}}""")]
    [InlineData("""{"signal_filter":{"entry_threshold":0.6}}""")]
    [InlineData("""{"signal_filter":{"exit_threshold":0.4}}""")]
    [InlineData("""{"signal_filter":{"high_confidence":0.8}}""")]
    [InlineData("""{"signal_filter":{"medium_confidence":0.55}}""")]
    [InlineData("""{"signal_filter":{"rule_weights":{"rsi":0.25}}}""")]
    public void Any_behaviour_change_gives_a_new_hash(string patch)
    {
        Assert.NotEqual(HashOf("{}"), HashOf(patch));
    }

    [Fact]
    public void Overriding_a_threshold_with_the_model_value_keeps_the_hash()
    {
        Assert.Equal(HashOf("{}"), HashOf("""{"regime":{"stressed_volatility_percentile":0.9}}"""));
        Assert.Equal(HashOf("{}"), HashOf("""{"signal_filter":{"rule_weights":{"rsi":0.2}}}"""));
    }

    [Fact]
    public void Monitoring_and_governance_do_not_change_the_hash()
    {
        Assert.Equal(HashOf("{}"), HashOf("""{"monitoring":{"history_size":50},"governance":{"enable_prediction_logging":false}}"""));
    }
}
