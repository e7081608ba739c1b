using System.Text.Json;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>The shipped Prometheus and Grafana files are valid and only query metrics the monitor exports.</summary>
[Trait("Category", "Integration")]
public sealed partial class DeploymentConfigTests
{
    private static string Deploy(params string[] parts) => Path.Combine([RepositoryRoot.Path, "deploy", .. parts]);

    [Fact]
    public async Task Prometheus_config_and_its_alert_rules_pass_promtool_check_config()
    {
        var (exitCode, output) = await Promtool.RunAsync("check", "config", Deploy("prometheus", "prometheus.yml"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 10 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_config_scrapes_the_worker_admin_port_every_15_seconds()
    {
        var config = File.ReadAllText(Deploy("prometheus", "prometheus.yml"));

        Assert.Contains("job_name: ml_layer", config, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /metrics/prometheus", config, StringComparison.Ordinal);
        Assert.Contains("targets: ['worker:8003']", config, StringComparison.Ordinal);
        Assert.Contains("scrape_interval: 15s", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_and_alert_queries_only_use_metrics_the_monitor_exports()
    {
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()), liveQuality: new LiveQualityTracker(Options.Create(new LiveQualityOptions())));
        _ = new DriftMonitor(Options.Create(new DriftOptions()), new NoBaseline(), registry: monitor.Registry);
        var exported = (await monitor.ExportPrometheusAsync()).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .SelectMany(l => SeriesNames(l.Split(' ')[2], l.Split(' ')[3]))
            .ToHashSet(StringComparer.Ordinal);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Deploy("grafana", "dashboards", "ml-layer.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .Concat(File.ReadAllLines(Deploy("prometheus", "ml_layer_alerts.yml")).Where(l => l.TrimStart().StartsWith("expr:", StringComparison.Ordinal)))
            .ToList();

        var used = expressions.SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).Distinct().ToList();

        Assert.Contains("ml_layer_predictions_total", used);
        Assert.Contains("ml_layer_allow_rate", used);
        Assert.Contains("ml_layer_processing_time_ms", used);
        Assert.Contains("ml_layer_regime_distribution", used);
        Assert.Contains("ml_layer_active_alerts", used);
        Assert.All(used, name => Assert.Contains(name, exported));
    }

    [Fact]
    public void Prometheus_rules_that_mirror_a_default_rule_use_its_window_threshold_pending_time_and_severity()
    {
        var mirrored = PrometheusRules().Where(r => r.Labels.ContainsKey("ml_layer_rule")).ToList();

        Assert.Equal(
            ["feature_drift", "high_latency", "high_suppression_rate", "live_brier_above_validation", "low_live_auc", "low_suppression_rate", "stressed_regime_spike"],
            mirrored.Select(r => r.Labels["ml_layer_rule"]).Order(StringComparer.Ordinal));
        foreach (var rule in mirrored)
        {
            var inProcess = DefaultAlertRules.All.Single(d => d.Name == rule.Labels["ml_layer_rule"]);
            Assert.All(RangeWindow().Matches(rule.Expression), m => Assert.Equal($"[{inProcess.WindowMinutes}m]", m.Value));
            Assert.Contains($" {inProcess.Operator} {inProcess.Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} ", rule.Expression, StringComparison.Ordinal);
            Assert.Equal($"{(int)inProcess.For.TotalMinutes}m", rule.For);
            Assert.Equal(inProcess.Severity, rule.Labels["severity"]);
            // Drift metrics count bars in the drift window, live quality metrics outcomes, the others predictions in the rule's minutes.
            var minimum = inProcess.MinSamples
                ?? (AlertMetrics.IsLiveQuality(inProcess.Metric) ? new LiveQualityOptions().MinOutcomes
                    : AlertMetrics.IsDrift(inProcess.Metric) ? new DriftOptions().MinSample
                    : new MonitoringOptions().AlertMinimumSamples);
            Assert.Contains($">= {minimum}", rule.Expression, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_no_decisions_rule_says_the_window_its_expression_uses()
    {
        var rule = PrometheusRules().Single(r => r.Name == "MlLayerNoDecisions");

        var window = RangeWindow().Match(rule.Expression).Value;
        Assert.Equal("[30m]", window);
        Assert.Contains("30 minutes", rule.Summary, StringComparison.Ordinal);
    }

    // The rules file is flat YAML of a known shape; reading it line by line keeps the tests free of a YAML library.
    private static List<PrometheusRule> PrometheusRules()
    {
        var rules = new List<PrometheusRule>();
        PrometheusRule? current = null;
        foreach (var raw in File.ReadAllLines(Deploy("prometheus", "ml_layer_alerts.yml")))
        {
            var line = raw.Trim();
            if (line.StartsWith("- alert: ", StringComparison.Ordinal))
            {
                current = new PrometheusRule(line["- alert: ".Length..]);
                rules.Add(current);
            }
            else if (current is not null && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                var (key, value) = (line[..colon], line[(colon + 1)..].Trim().Trim('"'));
                switch (key)
                {
                    case "expr": current.Expression = value; break;
                    case "for": current.For = value; break;
                    case "summary": current.Summary = value; break;
                    case "severity" or "ml_layer_rule": current.Labels[key] = value; break;
                }
            }
        }

        return rules;
    }

    [Fact]
    public void Grafana_provisioning_points_at_prometheus_and_the_dashboards_folder()
    {
        Assert.Contains("url: http://prometheus:9090", File.ReadAllText(Deploy("grafana", "provisioning", "datasources", "prometheus.yml")), StringComparison.Ordinal);
        Assert.Contains("path: /var/lib/grafana/dashboards", File.ReadAllText(Deploy("grafana", "provisioning", "dashboards", "ml-layer.yml")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> SeriesNames(string family, string type) => type switch
    {
        "histogram" => [family + "_bucket", family + "_sum", family + "_count"],
        "summary" => [family, family + "_sum", family + "_count"],
        _ => [family],
    };

    [GeneratedRegex(@"ml_layer_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\[\d+m\]")]
    private static partial Regex RangeWindow();

    private sealed class PrometheusRule(string name)
    {
        public string Name { get; } = name;

        public string Expression { get; set; } = "";

        public string For { get; set; } = "";

        public string Summary { get; set; } = "";

        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    }

    private sealed class NoBaseline : IDriftBaselineSource
    {
        public ActiveBaseline Active() => new("signal_filter", "v1.0.0_rule_based", null);

        public void Forget(string model, string version)
        {
        }
    }
}
