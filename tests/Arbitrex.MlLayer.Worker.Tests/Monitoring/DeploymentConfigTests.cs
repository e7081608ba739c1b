using System.Text.Json;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>The shipped Prometheus and Grafana files are valid and only query metrics the monitor exports.</summary>
public sealed partial class DeploymentConfigTests
{
    private static string Deploy(params string[] parts) => Path.Combine([RepositoryRoot.Path, "deploy", .. parts]);

    [Fact]
    public async Task Prometheus_config_and_its_alert_rules_pass_promtool_check_config()
    {
        var (exitCode, output) = await Promtool.RunAsync("check", "config", Deploy("prometheus", "prometheus.yml"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 4 rules found", output, StringComparison.Ordinal);
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
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()));
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
}
