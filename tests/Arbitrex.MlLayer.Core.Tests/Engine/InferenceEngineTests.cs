using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class InferenceEngineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 22, 12, 0, 0, 187, TimeSpan.Zero));

    // The clock stays put while the smoothing tests decide bars up to a day after it.
    private InferenceEngine CreateEngine(EngineConfig? config = null) =>
        new(config ?? new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), _time, new BarTimeOptions { MaxBarTimeSkew = TimeSpan.FromDays(2) });

    private static EngineConfig Without(Func<EngineConfig, EngineConfig> change) => change(new EngineConfig());

    [Fact]
    public void All_checks_passing_allows_the_trade_with_one_reason()
    {
        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        Assert.True(decision.AllowTrade);
        Assert.True(decision.QseValid);
        Assert.Equal("TRENDING", decision.Regime.RegimeLabel);
        var reason = Assert.Single(decision.DecisionReasons);
        Assert.StartsWith("All checks passed: TRENDING regime confidence", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_explanations_the_decision_is_the_same_but_lists_no_top_features()
    {
        var explained = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var engine = CreateEngine(Without(c => c with { SignalFilter = c.SignalFilter with { ExplainTopFeatures = false } }));

        var unexplained = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        Assert.NotEmpty(explained.Signal.TopFeatures);
        Assert.Empty(unexplained.Signal.TopFeatures);
        Assert.Equal(explained.Signal.SuccessProbability, unexplained.Signal.SuccessProbability);
        Assert.Equal(explained.DecisionReasons, unexplained.DecisionReasons);
        Assert.NotEqual(explained.ConfigHash, unexplained.ConfigHash);
    }

    [Fact]
    public void Any_read_only_dictionary_of_features_gives_the_decision_a_json_dictionary_gives()
    {
        var fromJson = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var sorted = new SortedDictionary<string, double>(Bars.TrendingFeatures(), StringComparer.Ordinal) { ["not_a_feature"] = 1 };
        var caseInsensitive = new Dictionary<string, double>(Bars.TrendingFeatures(), StringComparer.OrdinalIgnoreCase);

        var fromSorted = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, sorted, Bars.Qse());
        var fromCaseInsensitive = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, caseInsensitive, Bars.Qse());

        Assert.Equal(fromJson.Signal.SuccessProbability, fromSorted.Signal.SuccessProbability);
        Assert.Equal(fromJson.Regime.Confidence, fromSorted.Regime.Confidence);
        Assert.Equal(fromJson.Signal.SuccessProbability, fromCaseInsensitive.Signal.SuccessProbability);
        Assert.Equal(fromJson.DecisionReasons, fromCaseInsensitive.DecisionReasons);
    }

    [Fact]
    public void Invalid_qse_alone_suppresses_and_names_the_failed_gates()
    {
        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(stationarity: false));

        Assert.False(decision.AllowTrade);
        Assert.False(decision.QseValid);
        Assert.Equal(["QSE invalid: failed gates stationarity"], decision.DecisionReasons);
    }

    [Fact]
    public void Qse_signal_invalid_with_all_gates_passed_says_so()
    {
        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(signalValid: false));

        Assert.Equal(["QSE invalid: signal_valid is false"], decision.DecisionReasons);
    }

    [Fact]
    public void Regime_not_allowed_alone_suppresses_and_names_the_label()
    {
        var config = Without(c => c with { Decision = c.Decision with { AllowedRegimes = ["RANGING"] } });

        var decision = CreateEngine(config).Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        Assert.False(decision.AllowTrade);
        Assert.True(decision.QseValid);
        Assert.Equal(["Regime not allowed: TRENDING (allowed: RANGING)"], decision.DecisionReasons);
    }

    [Fact]
    public void Low_regime_confidence_alone_suppresses_and_names_value_and_threshold()
    {
        var features = Bars.TrendingFeatures();
        features["efficiency_ratio"] = 0.52;

        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse());

        Assert.Equal("TRENDING", decision.Regime.RegimeLabel);
        Assert.True(decision.Signal.SuccessProbability > 0.55);
        var reason = Assert.Single(decision.DecisionReasons);
        Assert.Equal($"Regime confidence too low: {decision.Regime.Confidence:0.000} <= 0.600", reason);
        Assert.False(decision.AllowTrade);
    }

    [Fact]
    public void Low_signal_probability_alone_suppresses_and_names_value_and_threshold()
    {
        var features = Bars.TrendingFeatures();
        features["spread_bps"] = 20;
        features["drawdown"] = 0.3;

        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse());

        Assert.True(decision.Regime.Confidence > 0.6);
        var reason = Assert.Single(decision.DecisionReasons);
        Assert.Equal($"Signal probability too low: {decision.Signal.SuccessProbability:0.000} <= 0.550", reason);
        Assert.False(decision.AllowTrade);
    }

    [Fact]
    public void Checks_stop_at_the_first_failure()
    {
        var features = Bars.RangingFeatures();
        features["spread_bps"] = 20;

        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse(stationarity: false));

        Assert.Equal(["QSE invalid: failed gates stationarity"], decision.DecisionReasons);
    }

    [Theory]
    [InlineData("trending")]
    [InlineData("ranging")]
    [InlineData("stressed")]
    public void Regime_probabilities_cover_every_label_and_sum_to_one(string kind)
    {
        var features = kind switch
        {
            "trending" => Bars.TrendingFeatures(),
            "ranging" => Bars.RangingFeatures(),
            _ => Bars.StressedFeatures(),
        };

        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse());

        Assert.Equal(["RANGING", "STRESSED", "TRENDING"], decision.Regime.Probabilities.Keys.Order());
        Assert.Equal(1.0, decision.Regime.Probabilities.Values.Sum(), 12);
        Assert.All(decision.Regime.Probabilities.Values, p => Assert.InRange(p, 0, 1));
        Assert.Equal(kind.ToUpperInvariant(), decision.Regime.RegimeLabel);
        Assert.Equal(decision.Regime.Probabilities[decision.Regime.RegimeLabel], decision.Regime.Confidence);
    }

    [Fact]
    public void Signal_reports_at_most_five_top_features_largest_first()
    {
        var decision = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        var top = decision.Signal.TopFeatures;
        Assert.Equal(5, top.Count);
        Assert.Equal("efficiency_ratio", top[0].Name);
        Assert.Equal(1.2, top[0].Importance, 12);
        for (var i = 1; i < top.Count; i++)
        {
            Assert.True(Math.Abs(top[i - 1].Importance) >= Math.Abs(top[i].Importance));
        }
    }

    [Fact]
    public void Signal_thresholds_drive_enter_exit_and_confidence_level()
    {
        var strong = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var weakFeatures = Bars.TrendingFeatures();
        weakFeatures["spread_bps"] = 20;
        weakFeatures["drawdown"] = 0.3;
        var weak = CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, weakFeatures, Bars.Qse());

        Assert.True(strong.Signal.ShouldEnter);
        Assert.False(strong.Signal.ShouldExit);
        Assert.Equal("HIGH", strong.Signal.ConfidenceLevel);
        Assert.False(weak.Signal.ShouldEnter);
        Assert.True(weak.Signal.ShouldExit);
    }

    [Fact]
    public void Decision_carries_id_hash_versions_and_time()
    {
        var engine = CreateEngine();

        var decision = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        Assert.Equal(DecisionIds.For("EURUSD", "4H", Bars.BarTime), decision.DecisionId);
        Assert.Equal(engine.ConfigHash, decision.ConfigHash);
        Assert.Equal(16, decision.ConfigHash.Length);
        Assert.Equal("v1.0.0_rule_based", decision.ModelVersions["regime_classifier"]);
        Assert.Equal("v1.0.0_rule_based", decision.ModelVersions["signal_filter"]);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, decision.Timestamp);
        Assert.Equal(Bars.BarTime, decision.BarTime);
        Assert.Equal(0.7, decision.Regime.EfficiencyRatio);
    }

    [Fact]
    public void Fail_closed_decision_suppresses_with_the_given_reason_and_the_bar_id()
    {
        var decision = CreateEngine().FailClosed("EURUSD", "4H", Bars.BarTime, "Join timeout: qse_output missing");

        Assert.False(decision.AllowTrade);
        Assert.Equal(["Join timeout: qse_output missing"], decision.DecisionReasons);
        Assert.Equal(DecisionIds.For("EURUSD", "4H", Bars.BarTime), decision.DecisionId);
        Assert.Equal(1.0, decision.Regime.Probabilities.Values.Sum(), 12);
    }

    [Fact]
    public void Applying_a_config_changes_the_next_decision_and_its_hash()
    {
        var engine = CreateEngine();
        var before = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        engine.Apply(Without(c => c with { Decision = c.Decision with { MinSignalProbability = 0.999 } }));
        var after = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        Assert.True(before.AllowTrade);
        Assert.False(after.AllowTrade);
        Assert.NotEqual(before.ConfigHash, after.ConfigHash);
    }

    [Fact]
    public void Applying_an_invalid_config_keeps_the_active_one()
    {
        var engine = CreateEngine();
        var hash = engine.ConfigHash;

        var error = Assert.Throws<InvalidConfigException>(() => engine.Apply(Without(c => c with { Model = c.Model with { SignalFilterVersion = "v9.9.9" } })));

        Assert.Equal("model.signal_filter_version", Assert.Single(error.Errors).Key);
        Assert.Equal(hash, engine.ConfigHash);
    }

    [Fact]
    public void Concurrent_predictions_on_different_keys_match_sequential_ones()
    {
        var engine = CreateEngine();
        var symbols = Enumerable.Range(0, 64).Select(i => $"SYM{i}").ToArray();
        var expected = symbols.ToDictionary(s => s, s => CreateEngine().Predict(s, "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(s)));

        var actual = new System.Collections.Concurrent.ConcurrentDictionary<string, MlDecision>();
        Parallel.ForEach(symbols, new ParallelOptions { MaxDegreeOfParallelism = 8 }, s =>
            actual[s] = engine.Predict(s, "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(s)));

        foreach (var symbol in symbols)
        {
            Assert.Equal(expected[symbol].DecisionId, actual[symbol].DecisionId);
            Assert.Equal(expected[symbol].Signal.SuccessProbability, actual[symbol].Signal.SuccessProbability);
            Assert.Equal(expected[symbol].Regime.Confidence, actual[symbol].Regime.Confidence);
        }
    }

    [Fact]
    public void A_one_bar_spike_does_not_flip_the_regime()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        var spike = engine.Predict("EURUSD", "4H", Bars.BarTime.AddHours(4), Bars.StressedFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(4)));
        var back = engine.Predict("EURUSD", "4H", Bars.BarTime.AddHours(8), Bars.TrendingFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(8)));

        Assert.Equal("TRENDING", spike.Regime.RegimeLabel);
        Assert.Equal(spike.Regime.Probabilities["TRENDING"], spike.Regime.Confidence);
        Assert.Equal("TRENDING", back.Regime.RegimeLabel);
    }

    [Fact]
    public void A_sustained_change_flips_the_regime_after_the_smoothing_bars()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        var labels = Enumerable.Range(1, 3).Select(i =>
        {
            var t = Bars.BarTime.AddHours(4 * i);
            return engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)).Regime.RegimeLabel;
        }).ToArray();

        Assert.Equal(["TRENDING", "TRENDING", "STRESSED"], labels);
    }

    [Fact]
    public void Smoothing_is_kept_per_symbol_and_timeframe_and_reset_clears_it()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        var otherSymbol = engine.Predict("GBPUSD", "4H", Bars.BarTime, Bars.StressedFeatures(), Bars.Qse("GBPUSD"));
        var otherTimeframe = engine.Predict("EURUSD", "1H", Bars.BarTime, Bars.StressedFeatures(), Bars.Qse(timeframe: "1H"));
        engine.Reset();
        var afterReset = engine.Predict("EURUSD", "4H", Bars.BarTime.AddHours(4), Bars.StressedFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(4)));

        Assert.Equal("STRESSED", otherSymbol.Regime.RegimeLabel);
        Assert.Equal("STRESSED", otherTimeframe.Regime.RegimeLabel);
        Assert.Equal("STRESSED", afterReset.Regime.RegimeLabel);
    }

    [Fact]
    public void A_preview_reads_the_smoothing_without_counting_the_bar()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var t = Bars.BarTime.AddHours(4);

        var previews = Enumerable.Range(0, 3)
            .Select(_ => engine.Preview("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)))
            .ToArray();
        var live = engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t));
        var unseenKey = engine.Preview("GBPUSD", "4H", Bars.BarTime, Bars.StressedFeatures(), Bars.Qse("GBPUSD"));

        Assert.All(previews, p => Assert.Equal("TRENDING", p.Regime.RegimeLabel));
        Assert.Equal(live.DecisionId, previews[0].DecisionId);
        Assert.Equal("TRENDING", live.Regime.RegimeLabel);
        Assert.Equal("STRESSED", unseenKey.Regime.RegimeLabel);
        Assert.Equal(1, engine.Smoother.TrackedKeys);
    }

    [Fact]
    public void A_stateless_prediction_neither_reads_nor_moves_the_smoothing()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var t = Bars.BarTime.AddHours(4);

        var whatIfs = Enumerable.Range(0, 3)
            .Select(_ => engine.PredictStateless("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)))
            .ToArray();
        var unseenKey = engine.PredictStateless("GBPUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse("GBPUSD"));
        var live = engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t));

        Assert.All(whatIfs, w => Assert.Equal("STRESSED", w.Regime.RegimeLabel));
        Assert.Equal("TRENDING", unseenKey.Regime.RegimeLabel);
        Assert.Equal("TRENDING", live.Regime.RegimeLabel);
        Assert.Equal(1, engine.Smoother.TrackedKeys);
    }

    [Theory]
    [InlineData("4H", 4 * 60, false)]
    [InlineData("4H", (4 * 60) + 1, true)]
    [InlineData("1H", 61, true)]
    [InlineData("1D", 23 * 60, false)]
    public void A_bar_more_than_one_bar_length_ahead_of_the_clock_is_refused_naming_bar_time(string timeframe, int minutesAhead, bool refused)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 22, 12, 0, 0, TimeSpan.Zero));
        var engine = new InferenceEngine(new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), time);
        var barTime = time.GetUtcNow().UtcDateTime.AddMinutes(minutesAhead);

        var error = Record.Exception(() => engine.Predict("EURUSD", timeframe, barTime, Bars.TrendingFeatures(), Bars.Qse(timeframe: timeframe, barTime: barTime)));

        if (refused)
        {
            var invalid = Assert.IsType<InvalidInputException>(error);
            Assert.Equal("bar_time", invalid.Field);
            Assert.Contains("ahead of the clock", invalid.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(error);
        }
    }

    [Fact]
    public void The_allowed_skew_is_configurable()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 22, 12, 0, 0, TimeSpan.Zero));
        var engine = new InferenceEngine(new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), time, new BarTimeOptions { MaxBarTimeSkew = TimeSpan.FromMinutes(5) });
        var barTime = time.GetUtcNow().UtcDateTime.AddMinutes(6);

        var error = Assert.Throws<InvalidInputException>(() => engine.Preview("EURUSD", "4H", barTime, Bars.TrendingFeatures(), Bars.Qse(barTime: barTime)));

        Assert.Equal("bar_time", error.Field);
        Assert.Contains("00:05:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_far_future_bar_is_refused_and_leaves_the_smoothing_moving_with_the_real_bars()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(Bars.BarTime));
        var engine = new InferenceEngine(new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), time);
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var farFuture = new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Throws<InvalidInputException>(() => engine.Predict("EURUSD", "4H", farFuture, Bars.StressedFeatures(), Bars.Qse(barTime: farFuture)));
        var labels = Enumerable.Range(1, 3).Select(i =>
        {
            var t = Bars.BarTime.AddHours(4 * i);
            time.SetUtcNow(new DateTimeOffset(t));
            return engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)).Regime.RegimeLabel;
        }).ToArray();

        Assert.Equal(["TRENDING", "TRENDING", "STRESSED"], labels);
    }

    [Fact]
    public void A_late_bar_is_decided_without_moving_the_smoothing_back()
    {
        var engine = CreateEngine();
        engine.Predict("EURUSD", "4H", Bars.BarTime.AddHours(4), Bars.TrendingFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(4)));

        var late = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.StressedFeatures(), Bars.Qse());
        var next = Enumerable.Range(2, 3).Select(i =>
        {
            var t = Bars.BarTime.AddHours(4 * i);
            return engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)).Regime.RegimeLabel;
        }).ToArray();

        Assert.Equal("TRENDING", late.Regime.RegimeLabel);
        // The late bar did not count: the change still needs all three newer bars.
        Assert.Equal(["TRENDING", "TRENDING", "STRESSED"], next);
    }

    [Fact]
    public void Smoothing_can_be_switched_off()
    {
        var engine = CreateEngine(Without(c => c with { Regime = c.Regime with { SmoothingEnabled = false } }));
        engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());

        var spike = engine.Predict("EURUSD", "4H", Bars.BarTime.AddHours(4), Bars.StressedFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(4)));

        Assert.Equal("STRESSED", spike.Regime.RegimeLabel);
    }

    [Theory]
    [InlineData("momentum_score")]
    [InlineData("volatility")]
    [InlineData("skewness")]
    public void A_missing_canonical_feature_is_refused_by_name(string feature)
    {
        var features = Bars.TrendingFeatures();
        features.Remove(feature);

        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse()));

        Assert.Equal("features." + feature, error.Field);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void A_non_finite_feature_is_refused_by_name(double value, string described)
    {
        var features = Bars.TrendingFeatures();
        features["rsi"] = value;

        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse()));

        Assert.Equal("features.rsi", error.Field);
        Assert.Contains(described, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_extra_feature_is_refused_too()
    {
        var features = Bars.TrendingFeatures();
        features["custom"] = double.NaN;

        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse()));

        Assert.Equal("features.custom", error.Field);
    }

    [Theory]
    [InlineData("", "4H", "symbol")]
    [InlineData("   ", "4H", "symbol")]
    [InlineData("EUR USD", "4H", "symbol")]
    [InlineData("EUR.USD", "4H", "symbol")]
    [InlineData("EURUSD", "", "timeframe")]
    [InlineData("EURUSD", "3H", "timeframe")]
    [InlineData("EURUSD", "4h", "timeframe")]
    public void A_bad_symbol_or_timeframe_is_refused_by_name(string symbol, string timeframe, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict(symbol, timeframe, Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(symbol, timeframe)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_bar_time_without_offset_is_refused()
    {
        var unspecified = DateTime.SpecifyKind(Bars.BarTime, DateTimeKind.Unspecified);

        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", unspecified, Bars.TrendingFeatures(), Bars.Qse()));

        Assert.Equal("bar_time", error.Field);
    }

    [Fact]
    public void A_qse_output_for_another_bar_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse("GBPUSD")));
        var timeError = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(barTime: Bars.BarTime.AddHours(4))));

        Assert.Equal("qse_output.symbol", error.Field);
        Assert.Equal("qse_output.bar_time", timeError.Field);
    }

    [Fact]
    public void A_qse_output_with_a_missing_gate_or_non_finite_value_is_refused()
    {
        var missing = Bars.Qse() with { Gates = Bars.Qse().Gates with { ZScore = null! } };
        var nan = Bars.Qse() with { Gates = Bars.Qse().Gates with { ZScore = new QseGate { Passed = true, Value = double.NaN } } };

        var missingError = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), missing));
        var nanError = Assert.Throws<InvalidInputException>(() => CreateEngine().Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), nan));

        Assert.Equal("qse_output.gates.z_score", missingError.Field);
        Assert.Equal("qse_output.gates.z_score.value", nanError.Field);
    }
}
