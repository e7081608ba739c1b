using System.Diagnostics.Metrics;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Integration")]
public sealed class MlMonitorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestDecisions.Start);
    private readonly MlMonitor _monitor;

    public MlMonitorTests()
    {
        _monitor = Create(new MonitoringOptions());
    }

    public void Dispose() => _monitor.Dispose();

    private MlMonitor Create(MonitoringOptions options) => new(Options.Create(options), _time);

    private void RecordScript()
    {
        _monitor.Record(TestDecisions.Make("EURUSD", "TRENDING", 0.8, 0.7, allowed: true, "All checks passed: TRENDING regime confidence 0.800 > 0.600, signal probability 0.700 > 0.550", latencyMs: 1.0));
        _monitor.Record(TestDecisions.Make("EURUSD", "RANGING", 0.5, 0.4, allowed: false, "Regime not allowed: RANGING (allowed: TRENDING)", latencyMs: 2.0));
        _monitor.Record(TestDecisions.Make("GBPUSD", "STRESSED", 0.9, 0.3, allowed: false, "QSE invalid: failed gates stationarity, z_score", latencyMs: 3.0));
        _monitor.Record(TestDecisions.Make("GBPUSD", "TRENDING", 0.55, 0.6, allowed: false, "Regime confidence too low: 0.550 <= 0.600", latencyMs: 4.0, signalVersion: "v2.0.0"));
        _monitor.RecordJoinTimeout("qse_output");
        _monitor.RecordRejected("Feature 'rsi' is NaN");
        _monitor.RecordRejected("Feature 'rsi' is NaN");
    }

    [Fact]
    public void A_scripted_sequence_of_decisions_gives_exact_metric_values()
    {
        RecordScript();
        _time.Advance(TimeSpan.FromSeconds(90));

        var snapshot = _monitor.GetSnapshot();

        Assert.Equal(4, snapshot.PredictionsTotal);
        Assert.Equal(1, snapshot.AllowedTotal);
        Assert.Equal(3, snapshot.SuppressedTotal);
        Assert.Equal(4, snapshot.PredictionsSinceReset);
        Assert.Equal(0.25, snapshot.AllowRate, 12);
        Assert.Equal(0.75, snapshot.SuppressionRate, 12);
        Assert.Equal(4, snapshot.Latency.WindowSamples);
        Assert.Equal(2.5, snapshot.Latency.AvgMs, 12);
        Assert.Equal(2.0, snapshot.Latency.P50Ms);
        Assert.Equal(4.0, snapshot.Latency.P95Ms);
        Assert.Equal(4.0, snapshot.Latency.P99Ms);
        Assert.Equal(4.0, snapshot.Latency.MaxMs);
        Assert.Equal(2.5, snapshot.LifetimeAvgProcessingTimeMs, 12);
        Assert.Equal(4, snapshot.ThroughputPerHour);
        Assert.Equal(new Dictionary<string, long> { ["RANGING"] = 1, ["STRESSED"] = 1, ["TRENDING"] = 2 }, snapshot.RegimeCounts);
        Assert.Equal(0.5, snapshot.RegimeDistribution["TRENDING"], 12);
        Assert.Equal(0.25, snapshot.RegimeDistribution["RANGING"], 12);
        Assert.Equal(0.25, snapshot.RegimeDistribution["STRESSED"], 12);
        Assert.Equal((0.8 + 0.5 + 0.9 + 0.55) / 4, snapshot.AvgRegimeConfidence, 12);
        Assert.Equal((0.7 + 0.4 + 0.3 + 0.6) / 4, snapshot.AvgSignalProbability, 12);
        Assert.Equal(new Dictionary<string, long> { ["EURUSD"] = 2, ["GBPUSD"] = 2 }, snapshot.PredictionsBySymbol);
        Assert.Equal(
            new Dictionary<string, long> { ["All checks passed"] = 1, ["QSE invalid"] = 1, ["Regime confidence too low"] = 1, ["Regime not allowed"] = 1 },
            snapshot.DecisionReasons);
        Assert.Equal(1, snapshot.JoinTimeoutsTotal);
        Assert.Equal(new Dictionary<string, long> { ["feature_snapshot"] = 0, ["qse_output"] = 1 }, snapshot.JoinTimeoutsByMissingHalf);
        Assert.Equal(2, snapshot.RejectedTotal);
        Assert.Equal(new Dictionary<string, long> { ["Feature 'rsi' is NaN"] = 2 }, snapshot.RejectedByReason);
        Assert.Equal(0, snapshot.ActiveAlerts);
        Assert.Equal(new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v2.0.0" }, snapshot.ModelVersions);
        Assert.Equal("eb865791dc659ec1", snapshot.ConfigHash);
        Assert.Equal(90, snapshot.UptimeSeconds, 9);
        Assert.Equal(TestDecisions.Start, snapshot.StartedAt);
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_last_window_of_predictions()
    {
        using var monitor = Create(new MonitoringOptions { LatencyWindowSize = 100 });
        for (var i = 1; i <= 150; i++)
        {
            monitor.Record(TestDecisions.Make(latencyMs: i));
        }

        var latency = monitor.GetSnapshot().Latency;

        Assert.Equal(100, latency.WindowSamples);
        Assert.Equal(100.5, latency.AvgMs, 12);
        Assert.Equal(100, latency.P50Ms);
        Assert.Equal(145, latency.P95Ms);
        Assert.Equal(149, latency.P99Ms);
        Assert.Equal(150, latency.MaxMs);
    }

    [Fact]
    public void Throughput_per_hour_counts_only_the_trailing_sixty_minutes()
    {
        _monitor.RecordMany(10, _ => TestDecisions.Make());
        _time.Advance(TimeSpan.FromMinutes(30));
        _monitor.RecordMany(5, _ => TestDecisions.Make());
        Assert.Equal(15, _monitor.GetSnapshot().ThroughputPerHour);

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(5, _monitor.GetSnapshot().ThroughputPerHour);
        Assert.Equal(15, _monitor.GetSnapshot().PredictionsTotal);
    }

    [Fact]
    public void Reset_clears_windowed_metrics_and_history_but_keeps_counters_monotonic()
    {
        RecordScript();
        _time.Advance(TimeSpan.FromMinutes(1));
        _monitor.Reset();
        _monitor.Record(TestDecisions.Make(regime: "RANGING", confidence: 0.4, probability: 0.2, allowed: false, latencyMs: 8));

        var snapshot = _monitor.GetSnapshot();

        Assert.Equal(5, snapshot.PredictionsTotal);
        Assert.Equal(4, snapshot.SuppressedTotal);
        Assert.Equal(1, snapshot.PredictionsSinceReset);
        Assert.Equal(1.0, snapshot.SuppressionRate);
        Assert.Equal(0.0, snapshot.AllowRate);
        Assert.Equal(1.0, snapshot.RegimeDistribution["RANGING"]);
        Assert.Equal(0.4, snapshot.AvgRegimeConfidence, 12);
        Assert.Equal(0.2, snapshot.AvgSignalProbability, 12);
        Assert.Equal(1, snapshot.Latency.WindowSamples);
        Assert.Equal(8, snapshot.Latency.MaxMs);
        Assert.Equal(1, snapshot.ThroughputPerHour);
        Assert.Single(_monitor.GetDecisionHistory(100));
        Assert.Equal(TestDecisions.Start.AddMinutes(1), snapshot.LastResetAt);
        Assert.Equal(3, snapshot.PredictionsBySymbol["EURUSD"]);
    }

    [Fact]
    public async Task Concurrent_recording_from_many_threads_loses_no_update()
    {
        const int Threads = 4;
        const int PerThread = 20_000;
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            var decisions = Enumerable.Range(0, 16)
                .Select(i => TestDecisions.Make(symbol: "S" + thread, allowed: i % 2 == 0, confidence: 0.5, latencyMs: 1, reason: i % 2 == 0 ? null : $"Signal probability too low: 0.{i} <= 0.550"))
                .ToArray();
            start.SignalAndWait();
            for (var i = 0; i < PerThread; i++)
            {
                _monitor.Record(decisions[i % decisions.Length]);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        var snapshot = _monitor.GetSnapshot();
        Assert.Equal(Threads * PerThread, snapshot.PredictionsTotal);
        Assert.Equal(Threads * PerThread / 2, snapshot.AllowedTotal);
        Assert.Equal(Threads * PerThread, snapshot.ThroughputPerHour);
        Assert.Equal(0.5, snapshot.AvgRegimeConfidence, 12);
        Assert.Equal(1.0, snapshot.LifetimeAvgProcessingTimeMs, 12);
        Assert.All(Enumerable.Range(0, Threads), t => Assert.Equal(PerThread, snapshot.PredictionsBySymbol["S" + t]));
        Assert.Equal(Threads * PerThread / 2, snapshot.DecisionReasons["Signal probability too low"]);
        Assert.Contains($"ml_layer_processing_time_seconds_count {Threads * PerThread}", (await _monitor.ExportPrometheusAsync()).Split('\n'));
    }

    [Fact]
    public void Decision_history_is_newest_first_with_limit_and_filters()
    {
        using var monitor = Create(new MonitoringOptions { HistorySize = 5 });
        for (var i = 0; i < 8; i++)
        {
            monitor.Record(TestDecisions.Make(symbol: i % 2 == 0 ? "EURUSD" : "GBPUSD", allowed: i % 3 == 0, latencyMs: i));
        }

        Assert.Equal([7.0, 6, 5, 4, 3], monitor.GetDecisionHistory(100).Select(d => d.ProcessingTimeMs));
        Assert.Equal([7.0, 6], monitor.GetDecisionHistory(2).Select(d => d.ProcessingTimeMs));
        Assert.Equal([6.0, 4], monitor.GetDecisionHistory(10, symbol: "eurusd").Select(d => d.ProcessingTimeMs));
        Assert.Equal([6.0, 3], monitor.GetDecisionHistory(10, allowed: true).Select(d => d.ProcessingTimeMs));
        Assert.Equal([7.0, 5], monitor.GetDecisionHistory(10, symbol: "GBPUSD", allowed: false).Select(d => d.ProcessingTimeMs));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.GetDecisionHistory(0));
    }

    [Fact]
    public void Symbols_beyond_the_label_cap_are_counted_as_other()
    {
        using var monitor = Create(new MonitoringOptions { MaxLabelValues = 2 });
        foreach (var symbol in new[] { "EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "EURUSD" })
        {
            monitor.Record(TestDecisions.Make(symbol: symbol));
        }

        Assert.Equal(new Dictionary<string, long> { ["EURUSD"] = 2, ["GBPUSD"] = 1, ["other"] = 2 }, monitor.GetSnapshot().PredictionsBySymbol);
    }

    [Fact]
    public async Task Exported_prometheus_text_passes_promtool_check_metrics()
    {
        RecordScript();
        _monitor.Record(TestDecisions.Make(symbol: "Odd \"quoted\"\\symbol\nline", reason: "Weird \\ reason \"x\""));
        _monitor.AddAlertRule(new AlertRule { Name = "any_traffic", Metric = AlertMetrics.PredictionCount, Operator = ">", Threshold = 0, WindowMinutes = 5 });
        _monitor.EvaluateAlerts();

        var text = await _monitor.ExportPrometheusAsync();

        await Promtool.AssertValidAsync(text);
    }

    [Fact]
    public async Task Prometheus_text_of_an_idle_monitor_passes_promtool_check_metrics()
    {
        await Promtool.AssertValidAsync(await _monitor.ExportPrometheusAsync());
    }

    [Fact]
    public async Task Exported_prometheus_text_carries_the_seed_grafana_names_and_values()
    {
        RecordScript();
        _monitor.AddAlertRule(new AlertRule { Name = "any_traffic", Metric = AlertMetrics.PredictionCount, Operator = ">", Threshold = 0, WindowMinutes = 5 });
        _monitor.EvaluateAlerts();

        var lines = (await _monitor.ExportPrometheusAsync()).Split('\n');

        Assert.Contains("# TYPE ml_layer_predictions_total counter", lines);
        Assert.Contains("ml_layer_predictions_total 4", lines);
        Assert.Contains("ml_layer_allow_rate 0.25", lines);
        Assert.Contains("# TYPE ml_layer_processing_time_ms summary", lines);
        Assert.Contains("ml_layer_processing_time_ms{quantile=\"0.5\"} 2", lines);
        Assert.Contains(lines, l => l.StartsWith("ml_layer_processing_time_ms{quantile=\"0.95\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ml_layer_processing_time_ms{quantile=\"0.99\"} ", StringComparison.Ordinal));
        Assert.Contains("ml_layer_processing_time_ms_sum 10", lines);
        Assert.Contains("ml_layer_processing_time_ms_count 4", lines);
        Assert.Contains("# TYPE ml_layer_processing_time_seconds histogram", lines);
        Assert.Contains("ml_layer_processing_time_seconds_bucket{le=\"0.001\"} 1", lines);
        Assert.Contains("ml_layer_processing_time_seconds_bucket{le=\"0.0025\"} 2", lines);
        Assert.Contains("ml_layer_processing_time_seconds_bucket{le=\"0.005\"} 4", lines);
        Assert.Contains("ml_layer_processing_time_seconds_bucket{le=\"+Inf\"} 4", lines);
        Assert.Contains("ml_layer_processing_time_seconds_count 4", lines);
        Assert.Contains("ml_layer_regime_distribution{regime=\"TRENDING\"} 0.5", lines);
        Assert.Contains("ml_layer_regime_distribution{regime=\"RANGING\"} 0.25", lines);
        Assert.Contains("ml_layer_regime_distribution{regime=\"STRESSED\"} 0.25", lines);
        Assert.Contains("ml_layer_active_alerts 1", lines);
        Assert.Contains("ml_layer_alert_firing{alertname=\"any_traffic\",severity=\"warning\"} 1", lines);
        Assert.Contains("ml_layer_symbol_predictions_total{symbol=\"GBPUSD\"} 2", lines);
        Assert.Contains("ml_layer_decision_reasons_total{reason=\"Regime not allowed\"} 1", lines);
        Assert.Contains("ml_layer_join_timeouts_total{missing=\"qse_output\"} 1", lines);
        Assert.Contains("ml_layer_rejected_messages_total 2", lines);
        Assert.Contains("ml_layer_model_info{model=\"signal_filter\",version=\"v2.0.0\"} 1", lines);
        Assert.Contains("ml_layer_config_info{config_hash=\"eb865791dc659ec1\"} 1", lines);
        Assert.Contains(lines, l => l.StartsWith("ml_layer_uptime_seconds ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Summary_quantiles_estimate_the_processing_time_within_their_rank_error()
    {
        for (var ms = 1; ms <= 1000; ms++)
        {
            _monitor.Record(TestDecisions.Make(latencyMs: ms));
        }

        var quantiles = (await _monitor.ExportPrometheusAsync()).Split('\n')
            .Where(l => l.StartsWith("ml_layer_processing_time_ms{quantile=", StringComparison.Ordinal))
            .ToDictionary(l => l.Split('"')[1], l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.InRange(quantiles["0.5"], 450, 550);
        Assert.InRange(quantiles["0.95"], 945, 955);
        Assert.InRange(quantiles["0.99"], 989, 991);
    }

    [Fact]
    public async Task Each_monitor_exports_only_its_own_decisions()
    {
        using var other = Create(new MonitoringOptions());
        other.Record(TestDecisions.Make());
        RecordScript();

        Assert.Contains("ml_layer_predictions_total 1", (await other.ExportPrometheusAsync()).Split('\n'));
        Assert.Contains("ml_layer_predictions_total 4", (await _monitor.ExportPrometheusAsync()).Split('\n'));
    }

    [Fact]
    public async Task Info_series_follow_the_latest_decision_and_the_firing_alerts()
    {
        _monitor.Record(TestDecisions.Make(signalVersion: "v1.0.0"));
        _monitor.AddAlertRule(new AlertRule { Name = "any_traffic", Metric = AlertMetrics.PredictionCount, Operator = ">", Threshold = 0, WindowMinutes = 5 });
        _monitor.EvaluateAlerts();
        Assert.Contains("ml_layer_model_info{model=\"signal_filter\",version=\"v1.0.0\"} 1", (await _monitor.ExportPrometheusAsync()).Split('\n'));

        _monitor.Record(TestDecisions.Make(signalVersion: "v2.0.0"));
        _monitor.RemoveAlertRule("any_traffic");
        var lines = (await _monitor.ExportPrometheusAsync()).Split('\n');

        Assert.Contains("ml_layer_model_info{model=\"signal_filter\",version=\"v2.0.0\"} 1", lines);
        Assert.DoesNotContain("ml_layer_model_info{model=\"signal_filter\",version=\"v1.0.0\"} 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ml_layer_alert_firing{", StringComparison.Ordinal));
    }

    [Fact]
    public void Custom_rules_are_added_evaluated_and_removed_at_runtime()
    {
        var rule = new AlertRule
        {
            Name = "very_low_probability",
            Metric = AlertMetrics.AvgSignalProb,
            Operator = "<",
            Threshold = 0.40,
            WindowMinutes = 30,
            Severity = AlertSeverities.Warning,
        };
        _monitor.AddAlertRule(rule);
        _monitor.RecordMany(25, _ => TestDecisions.Make(probability: 0.3));

        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Contains(rule, _monitor.AlertRules);
        var firing = Assert.Single(_monitor.ActiveAlerts, a => a.Name == "very_low_probability");
        Assert.Equal(0.3, firing.Value!.Value, 12);
        Assert.Equal("avg_signal_prob 0.3 < 0.4 over 30 min", firing.Message);

        Assert.True(_monitor.RemoveAlertRule("very_low_probability"));

        Assert.DoesNotContain(_monitor.ActiveAlerts, a => a.Name == "very_low_probability");
        Assert.Equal(AlertState.Resolved, _monitor.GetAlertHistory(1)[0].State);
        Assert.False(_monitor.RemoveAlertRule("very_low_probability"));
    }

    [Fact]
    public void A_one_minute_window_keeps_the_last_whole_minute_so_a_firing_alert_survives_the_rollover()
    {
        using var monitor = Create(new MonitoringOptions { DefaultAlertRulesEnabled = false });
        monitor.AddAlertRule(new AlertRule { Name = "suppressing", Metric = AlertMetrics.SuppressionRate, Operator = ">", Threshold = 0.9, WindowMinutes = 1 });
        _time.Advance(TimeSpan.FromSeconds(30));
        monitor.RecordMany(30, _ => TestDecisions.Make(allowed: false));
        monitor.EvaluateAlerts();
        Assert.Single(monitor.ActiveAlerts);

        _time.Advance(TimeSpan.FromSeconds(40));
        monitor.EvaluateAlerts();

        var firing = Assert.Single(monitor.ActiveAlerts);
        Assert.Equal(1.0, firing.Value);
        Assert.Equal([AlertState.Firing], monitor.GetAlertHistory().Select(a => a.State));

        _time.Advance(TimeSpan.FromMinutes(1));
        monitor.EvaluateAlerts();

        Assert.Empty(monitor.ActiveAlerts);
        Assert.Equal(TestDecisions.Start.AddSeconds(130), monitor.GetAlertHistory(1)[0].ResolvedAt);
    }

    [Fact]
    public void Throughput_per_hour_of_a_window_divides_by_its_whole_minutes_plus_the_elapsed_part_of_the_current_one()
    {
        using var monitor = Create(new MonitoringOptions { DefaultAlertRulesEnabled = false });
        monitor.AddAlertRule(new AlertRule { Name = "busy", Metric = AlertMetrics.ThroughputPerHour, Operator = ">", Threshold = 0, WindowMinutes = 1 });
        _time.Advance(TimeSpan.FromSeconds(30));
        monitor.RecordMany(30, _ => TestDecisions.Make());

        _time.Advance(TimeSpan.FromMinutes(1));
        monitor.EvaluateAlerts();

        Assert.Equal(30 * 60 / 1.5, Assert.Single(monitor.ActiveAlerts).Value!.Value, 9);
    }

    [Theory]
    [InlineData("metric", "p999_latency", ">", 1.0, 5, "warning")]
    [InlineData("operator", "suppression_rate", "=>", 1.0, 5, "warning")]
    [InlineData("threshold", "suppression_rate", ">", double.NaN, 5, "warning")]
    [InlineData("window_minutes", "suppression_rate", ">", 1.0, 0, "warning")]
    [InlineData("window_minutes", "suppression_rate", ">", 1.0, 1441, "warning")]
    [InlineData("severity", "suppression_rate", ">", 1.0, 5, "page")]
    [InlineData("name", "suppression_rate", ">", 1.0, 5, "warning", "")]
    [InlineData("name", "suppression_rate", ">", 1.0, 5, "warning", "high_suppression_rate")]
    public void Invalid_custom_rules_are_refused_naming_the_field(string field, string metric, string op, double threshold, int window, string severity, string name = "custom")
    {
        var rule = new AlertRule { Name = name, Metric = metric, Operator = op, Threshold = threshold, WindowMinutes = window, Severity = severity };

        var refused = Assert.Throws<InvalidAlertRuleException>(() => _monitor.AddAlertRule(rule));

        Assert.Equal(field, refused.Field);
        Assert.Equal(DefaultAlertRules.All.Count, _monitor.AlertRules.Count);
    }

    [Fact]
    public void An_unknown_metric_is_refused_with_the_known_metrics_listed()
    {
        var refused = Assert.Throws<InvalidAlertRuleException>(() => _monitor.AddAlertRule(
            new AlertRule { Name = "x", Metric = "cpu", Operator = ">", Threshold = 1 }));

        Assert.StartsWith("Alert rule 'x': unknown metric 'cpu'. Known metrics: suppression_rate, allow_rate,", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_from_options_are_installed_beside_the_defaults_and_defaults_can_be_turned_off()
    {
        var custom = new AlertRuleOptions { Name = "many_rejections", Metric = AlertMetrics.RejectedMessages, Operator = ">=", Threshold = 10, WindowMinutes = 5 };
        using var monitor = Create(new MonitoringOptions { DefaultAlertRulesEnabled = false, AlertRules = [custom] });

        Assert.Equal([custom.ToRule()], monitor.AlertRules);
    }

    [Fact]
    public async Task Json_export_writes_a_timestamped_snapshot_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mlmon-" + Guid.NewGuid().ToString("N"));
        try
        {
            RecordScript();

            var path = await _monitor.ExportSnapshotAsync(directory);
            var second = await _monitor.ExportSnapshotAsync(directory);

            Assert.Equal(Path.Combine(directory, "ml_metrics_20251222T120000000Z.json"), path);
            Assert.Equal(Path.Combine(directory, "ml_metrics_20251222T120000000Z_1.json"), second);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
            var root = json.RootElement;
            Assert.Equal(4, root.GetProperty("predictions_total").GetInt64());
            Assert.Equal(0.75, root.GetProperty("suppression_rate").GetDouble());
            Assert.Equal(4.0, root.GetProperty("latency").GetProperty("p95_ms").GetDouble());
            Assert.Equal(2, root.GetProperty("predictions_by_symbol").GetProperty("GBPUSD").GetInt64());
            Assert.Equal(1, root.GetProperty("decision_reasons").GetProperty("QSE invalid").GetInt64());
            Assert.Equal("eb865791dc659ec1", root.GetProperty("config_hash").GetString());
            Assert.Equal("2025-12-22T12:00:00+00:00", root.GetProperty("timestamp").GetString());
            Assert.Equal(0, root.GetProperty("active_alerts").GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Meter_instruments_publish_predictions_latency_and_gauges()
    {
        long allowed = 0, suppressed = 0;
        double latencySum = 0, allowRate = double.NaN;
        using var meterFactory = new ScopedMeterFactory();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MlMonitor.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "ml_layer.predictions")
            {
                if (Equals(tags[0].Value, "allowed"))
                {
                    allowed += value;
                }
                else
                {
                    suppressed += value;
                }
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "ml_layer.processing_time")
            {
                latencySum += value;
            }
            else if (instrument.Name == "ml_layer.allow_rate")
            {
                allowRate = value;
            }
        });
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()), _time, meterFactory: meterFactory);
        listener.Start();

        monitor.Record(TestDecisions.Make(allowed: true, latencyMs: 1.5));
        monitor.Record(TestDecisions.Make(allowed: false, latencyMs: 2.5));
        monitor.Record(TestDecisions.Make(allowed: false, latencyMs: 3.0));
        listener.RecordObservableInstruments();

        Assert.Equal(1, allowed);
        Assert.Equal(2, suppressed);
        Assert.Equal(7.0, latencySum, 12);
        Assert.Equal(1.0 / 3, allowRate, 12);
    }

    /// <summary>Tags its meters so the listener ignores monitors of tests running in parallel.</summary>
    private sealed class ScopedMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }
}
