using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class ShadowPredictionTests
{
    private static readonly DateTime Start = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly double High = 1 / (1 + Math.Exp(-1.5));
    private static readonly double Low = 1 / (1 + Math.Exp(1.5));

    [Fact]
    public void A_shadow_signal_filter_with_a_higher_threshold_disagrees_on_exactly_the_bars_between_the_two_thresholds()
    {
        var engine = ShadowModelSource.Engine($$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}"}}""", Clock());
        var comparison = new ShadowComparison(1000);
        var hursts = Enumerable.Range(0, 40).Select(i => 0.40 + (0.01 * i)).ToArray();
        var disagreeing = new List<string>();
        var expected = new List<string>();

        for (var i = 0; i < hursts.Length; i++)
        {
            var (live, shadow) = DecideBoth(engine, Start.AddHours(i), WithHurst(hursts[i]));
            comparison.Record(live, shadow);
            if (live.AllowTrade != shadow.AllowTrade)
            {
                disagreeing.Add(live.DecisionId);
            }

            if (hursts[i] >= ShadowModelSource.LiveStumpThreshold && hursts[i] < ShadowModelSource.ShadowStumpThreshold)
            {
                expected.Add(live.DecisionId);
            }

            Assert.Equal(hursts[i] >= ShadowModelSource.LiveStumpThreshold, live.AllowTrade);
            Assert.Equal(hursts[i] >= ShadowModelSource.ShadowStumpThreshold, shadow.AllowTrade);
            Assert.Equal(live.Regime.RegimeLabel, shadow.Regime.RegimeLabel);
        }

        Assert.Equal(10, expected.Count);
        Assert.Equal(expected, disagreeing);
        var report = comparison.Report();
        Assert.Equal(40, report.Window.Bars);
        Assert.Equal(30.0 / 40, report.Window.AllowTradeAgreement);
        Assert.Equal(1.0, report.Window.RegimeAgreement);
        Assert.Equal(10 * (High - Low) / 40, report.Window.MeanProbabilityDelta!.Value, 12);
        Assert.Equal(High - Low, report.Window.P95ProbabilityDelta!.Value, 12);
        Assert.Equal([.. expected.AsEnumerable().Reverse()], report.Disagreements.Select(d => d.DecisionId));
        Assert.All(report.Disagreements, d => Assert.Equal(["allow_trade"], d.Fields));
    }

    [Fact]
    public void Live_decisions_and_smoothing_are_the_same_with_and_without_a_shadow()
    {
        var shadowPatch = $$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}","shadow_regime_classifier_version":"{{{ShadowModelSource.StricterRegime}}}"}}""";
        var alone = ShadowModelSource.Engine(time: Clock());
        var shadowed = ShadowModelSource.Engine(shadowPatch, Clock());
        var efficiencies = new[] { 0.7, 0.55, 0.3, 0.3, 0.3, 0.55, 0.55, 0.55, 0.7, 0.3, 0.55, 0.7 };

        for (var i = 0; i < efficiencies.Length; i++)
        {
            var features = WithHurst(0.40 + (0.02 * i));
            features[CanonicalFeatures.EfficiencyRatio] = efficiencies[i];
            var expected = alone.Predict("EURUSD", "1H", Start.AddHours(i), features, Qse(Start.AddHours(i)));
            var (live, shadow) = DecideBoth(shadowed, Start.AddHours(i), features);

            Assert.Equal(Comparable(expected), Comparable(live));
            Assert.NotNull(shadow);
        }

        Assert.Equal(alone.ConfigHash, shadowed.ConfigHash);
        Assert.Equal(alone.Smoother.TrackedKeys, shadowed.Smoother.TrackedKeys);
        foreach (var raw in Enum.GetValues<MarketRegime>())
        {
            Assert.Equal(alone.Smoother.Peek("EURUSD", "1H", raw, 3), shadowed.Smoother.Peek("EURUSD", "1H", raw, 3));
        }
    }

    [Fact]
    public void A_shadow_regime_classifier_smooths_its_own_labels_apart_from_the_live_ones()
    {
        var engine = ShadowModelSource.Engine($$$"""{"model":{"shadow_regime_classifier_version":"{{{ShadowModelSource.StricterRegime}}}"}}""", Clock());
        var liveLabels = new List<string>();
        var shadowLabels = new List<string>();

        // Efficiency 0.55 is TRENDING for the live classifier (≥ 0.5) and RANGING for the shadow (< 0.6).
        foreach (var (efficiency, i) in new[] { 0.7, 0.7, 0.55, 0.55, 0.55, 0.55 }.Select((e, i) => (e, i)))
        {
            var features = WithHurst(0.7);
            features[CanonicalFeatures.EfficiencyRatio] = efficiency;
            var (live, shadow) = DecideBoth(engine, Start.AddHours(i), features);
            liveLabels.Add(live.Regime.RegimeLabel);
            shadowLabels.Add(shadow.Regime.RegimeLabel);
        }

        Assert.Equal(Enumerable.Repeat("TRENDING", 6), liveLabels);
        Assert.Equal(["TRENDING", "TRENDING", "TRENDING", "TRENDING", "RANGING", "RANGING"], shadowLabels);
    }

    [Fact]
    public void A_shadow_signal_filter_alone_decides_with_the_live_smoothed_regime()
    {
        var engine = ShadowModelSource.Engine($$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}"}}""", Clock());

        // The third bar's raw label is RANGING, but live smoothing still reports TRENDING: so must the shadow.
        foreach (var (efficiency, i) in new[] { 0.7, 0.7, 0.3 }.Select((e, i) => (e, i)))
        {
            var features = WithHurst(0.7);
            features[CanonicalFeatures.EfficiencyRatio] = efficiency;
            var (live, shadow) = DecideBoth(engine, Start.AddHours(i), features);

            Assert.Equal("TRENDING", live.Regime.RegimeLabel);
            Assert.Equal(live.Regime.RegimeLabel, shadow.Regime.RegimeLabel);
            Assert.Equal(live.Regime.Confidence, shadow.Regime.Confidence);
        }

        Assert.Equal(0, engine.ShadowSmoother.TrackedKeys);
    }

    [Fact]
    public void Shadow_keys_leave_the_live_config_hash_as_it_was_and_the_shadow_has_a_hash_of_its_own()
    {
        var live = ShadowModelSource.Engine();
        var shadowed = ShadowModelSource.Engine($$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}"}}""");
        var otherShadow = ShadowModelSource.Engine($$$"""{"model":{"shadow_regime_classifier_version":"{{{ShadowModelSource.StricterRegime}}}"}}""");

        Assert.Equal(live.ConfigHash, shadowed.ConfigHash);
        Assert.Equal(live.ConfigHash, otherShadow.ConfigHash);
        Assert.Null(live.Snapshot.Shadow);
        Assert.NotEqual(live.ConfigHash, shadowed.Snapshot.Shadow!.ConfigHash);
        Assert.NotEqual(shadowed.Snapshot.Shadow.ConfigHash, otherShadow.Snapshot.Shadow!.ConfigHash);
        Assert.Equal(ShadowModelSource.ShadowStump, shadowed.Snapshot.Shadow.ModelVersions[ModelNames.SignalFilter]);
        Assert.Equal(live.Snapshot.ModelVersions, shadowed.Snapshot.ModelVersions);

        // Promotion: the shadow's version made live is the config the shadow decided with.
        var promoted = ShadowModelSource.Engine($$$"""{"model":{"signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}"}}""");
        Assert.Equal(shadowed.Snapshot.Shadow.ConfigHash, promoted.ConfigHash);
    }

    [Fact]
    public void A_trained_shadow_of_a_rule_based_live_signal_filter_is_served_as_the_kind_it_is()
    {
        var engine = new InferenceEngine(
            EngineConfigJson.Merge(new EngineConfig(), $$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.LiveStump}}}"}}"""),
            new Arbitrex.MlLayer.Core.Models.ModelLoader(new ShadowModelSource()));

        Assert.False(engine.Config.SignalFilter.UseMlModel);
        Assert.True(engine.Snapshot.Shadow!.Config.SignalFilter.UseMlModel);
        Assert.Equal("xgboost_json", engine.Snapshot.Shadow.EffectiveDocument["signal_filter"]!["model"]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("shadow_signal_filter_version", "v9.9.9")]
    [InlineData("shadow_regime_classifier_version", "v9.9.9")]
    [InlineData("shadow_regime_classifier_version", ShadowModelSource.TreeRegime)]
    [InlineData("shadow_signal_filter_version", "latest")]
    public void A_shadow_version_that_cannot_be_served_is_refused_naming_its_shadow_key(string key, string version)
    {
        var engine = ShadowModelSource.Engine();
        var patch = new JsonObject { ["model"] = new JsonObject { [key] = version } };

        var error = Assert.Throws<InvalidConfigException>(() => engine.Apply(EngineConfigJson.Merge(engine.Config, patch)));

        Assert.Equal("model." + key, Assert.Single(error.Errors).Key);
        Assert.Null(engine.Snapshot.Shadow);
    }

    [Fact]
    public void Clearing_the_shadow_key_ends_the_shadow()
    {
        var engine = ShadowModelSource.Engine($$$"""{"model":{"shadow_signal_filter_version":"{{{ShadowModelSource.ShadowStump}}}"}}""");

        engine.Apply(EngineConfigJson.Merge(engine.Config, """{"model":{"shadow_signal_filter_version":null}}"""));

        Assert.Null(engine.Snapshot.Shadow);
        Assert.Null(engine.PredictShadow(engine.Snapshot, engine.Predict("EURUSD", "1H", Start, WithHurst(0.7), Qse(Start)), WithHurst(0.7), Qse(Start)));
    }

    private static (MlDecision Live, MlDecision Shadow) DecideBoth(InferenceEngine engine, DateTime barTime, Dictionary<string, double> features)
    {
        var snapshot = engine.Snapshot;
        var live = engine.Predict("EURUSD", "1H", barTime, features, Qse(barTime));
        return (live, engine.PredictShadow(snapshot, live, features, Qse(barTime))!);
    }

    private static Dictionary<string, double> WithHurst(double hurst)
    {
        var features = Bars.TrendingFeatures();
        features[ShadowModelSource.Hurst] = hurst;
        return features;
    }

    private static QseOutput Qse(DateTime barTime) => Bars.Qse("EURUSD", "1H", barTime);

    /// <summary>The decision's JSON without the two fields that differ by when and how fast it was made.</summary>
    private static string Comparable(MlDecision decision) =>
        System.Text.Json.JsonSerializer.Serialize(decision with { ProcessingTimeMs = 0, Timestamp = default }, ContractJson.Options);

    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
