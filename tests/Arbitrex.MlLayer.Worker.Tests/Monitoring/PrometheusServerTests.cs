using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Monitoring;

/// <summary>A real Prometheus scrapes a Kestrel endpoint serving <see cref="MlMonitor.Registry"/> and answers PromQL over it.</summary>
[Trait("Category", "Integration")]
public sealed class PrometheusServerTests
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Real_prometheus_scrapes_the_endpoint_and_promql_returns_the_prediction_count()
    {
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()));
        const int Decisions = 137;
        for (var i = 0; i < Decisions; i++)
        {
            monitor.Record(Decision(i));
        }

        await using var host = await MetricsHost.StartAsync(monitor);
        using (var http = new HttpClient())
        {
            using var response = await http.GetAsync(host.MetricsUrl);
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            await Promtool.AssertValidAsync(await response.Content.ReadAsStringAsync());
        }

        await using var prometheus = await PrometheusServer.StartAsync(host.MetricsUrl);

        Assert.Equal(Decisions, await prometheus.WaitForValueAsync("ml_layer_predictions_total", v => v > 0, ScrapeWait));
        Assert.Equal(1.0, await prometheus.WaitForValueAsync("up{job=\"ml_layer\"}", _ => true, ScrapeWait));
        Assert.Equal(Decisions / 3 + 1, await prometheus.WaitForValueAsync("ml_layer_predictions_allowed_total", _ => true, ScrapeWait));
        Assert.Equal(1.0, await prometheus.WaitForValueAsync("sum(ml_layer_regime_distribution)", _ => true, ScrapeWait), 9);
        Assert.Equal(3, (await prometheus.QueryAsync("ml_layer_regime_distribution")).Count);
        Assert.Equal(Decisions, await prometheus.WaitForValueAsync("ml_layer_processing_time_seconds_count", _ => true, ScrapeWait));
        Assert.Equal(0.0, await prometheus.WaitForValueAsync("ml_layer_active_alerts", _ => true, ScrapeWait));
        Assert.Equal(2.0, await prometheus.WaitForValueAsync("ml_layer_processing_time_ms{quantile=\"0.95\"}", _ => true, ScrapeWait));
    }

    [Fact]
    public async Task Every_query_of_the_grafana_dashboard_returns_data_from_a_real_scrape()
    {
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()));
        await using var host = await MetricsHost.StartAsync(monitor);
        await using var prometheus = await PrometheusServer.StartAsync(host.MetricsUrl);
        using var feeding = new CancellationTokenSource();
        var feeder = Task.Run(async () =>
        {
            for (var i = 0; !feeding.IsCancellationRequested; i++)
            {
                monitor.Record(Decision(i));
                monitor.RecordRejected("Feature 'rsi' is NaN");
                monitor.RecordJoinTimeout("qse_output");
                await Task.Delay(20, CancellationToken.None);
            }
        });

        try
        {
            foreach (var query in DashboardQueries())
            {
                var value = await prometheus.WaitForValueAsync($"count({query})", v => v > 0, ScrapeWait);
                Assert.True(value > 0, query);
            }
        }
        finally
        {
            await feeding.CancelAsync();
            await feeder;
        }
    }

    private static IEnumerable<string> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "dashboards", "ml-layer.json")));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)];
    }

    private static MlDecision Decision(int i)
    {
        var regime = (i % 3) switch { 0 => "TRENDING", 1 => "RANGING", _ => "STRESSED" };
        var allowed = i % 3 == 0;
        return new MlDecision
        {
            DecisionId = "d" + i,
            Symbol = i % 2 == 0 ? "EURUSD" : "GBPUSD",
            Timeframe = "4H",
            BarTime = DateTime.UtcNow,
            Timestamp = DateTime.UtcNow,
            AllowTrade = allowed,
            Regime = new RegimePrediction { RegimeLabel = regime, Confidence = 0.7, EfficiencyRatio = 0.4, Probabilities = new Dictionary<string, double> { [regime] = 0.7 } },
            Signal = new SignalPrediction { SuccessProbability = 0.6, ShouldEnter = allowed, ShouldExit = false, ConfidenceLevel = "MEDIUM", TopFeatures = [] },
            DecisionReasons = [allowed ? "Allowed: all checks passed" : $"Regime not allowed: {regime}"],
            QseValid = true,
            ProcessingTimeMs = 1 + (i % 2),
            ConfigHash = "eb865791dc659ec1",
            ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v1.0.0" },
        };
    }
}
