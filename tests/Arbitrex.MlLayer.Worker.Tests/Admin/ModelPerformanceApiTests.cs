using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary><c>GET /models/{name}/{version}/performance</c>, the live quality section of <c>/metrics</c> and its Prometheus series, on the real host.</summary>
[Trait("Category", "Integration")]
public sealed class ModelPerformanceApiTests : IDisposable
{
    private const string RuleBased = "v1.0.0_rule_based";
    private const string Key = "performance-key";

    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public ModelPerformanceApiTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key);
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Theory]
    [InlineData("/models/signal_filter/v9.9.9/performance")]
    [InlineData("/models/no_such_model/v1.0.0/performance")]
    public async Task An_unknown_model_or_version_is_404(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_version_without_outcomes_answers_200_with_every_figure_insufficient()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>($"/models/signal_filter/{RuleBased}/performance");

        Assert.Equal(RuleBased, body!["version"]!.GetValue<string>());
        Assert.True(body["active"]!.GetValue<bool>());
        Assert.Null(body["validation_brier"]);
        var overall = body["overall"]!;
        Assert.Equal(0, overall["outcomes"]!.GetValue<long>());
        foreach (var figure in new[] { "auc", "brier", "log_loss", "hit_rate" })
        {
            Assert.Equal("""{"value":null,"count":0,"status":"insufficient"}""", overall[figure]!.ToJsonString());
        }

        Assert.Equal("insufficient", overall["calibration"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recorded_outcomes_show_in_the_performance_endpoint_metrics_json_and_prometheus()
    {
        var sink = _factory.Services.GetRequiredService<LiveQualityTracker>();
        for (var i = 0; i < 200; i++)
        {
            var p = 0.05 + (0.9 * (i % 20) / 20.0);
            sink.Record(new ScoredOutcome($"d{i}", RuleBased, RuleBased, i % 2 == 0 ? "TRENDING" : "RANGING", p, p > 0.4, i % 3 != 0 && p > 0.3, null, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow));
        }

        var expected = _factory.Services.GetRequiredService<LiveQualityTracker>().Of(RuleBased).Overall;
        var performance = await _client.GetFromJsonAsync<JsonObject>($"/models/signal_filter/{RuleBased}/performance");
        var metrics = await _client.GetFromJsonAsync<JsonObject>("/metrics");
        var prometheus = (await _client.GetStringAsync("/metrics/prometheus")).Split('\n');

        Assert.Equal(200, performance!["overall"]!["outcomes"]!.GetValue<long>());
        Assert.Equal("ok", performance["overall"]!["auc"]!["status"]!.GetValue<string>());
        Assert.Equal(expected.Auc.Value, performance["overall"]!["auc"]!["value"]!.GetValue<double>());
        Assert.Equal(expected.Brier.Value, performance["overall"]!["brier"]!["value"]!.GetValue<double>());
        Assert.Equal(["RANGING", "TRENDING"], performance["regimes"]!.AsObject().Select(r => r.Key));
        Assert.Equal(10, performance["overall"]!["calibration"]!["bins"]!.AsArray().Count);
        var live = metrics!["live_quality"]!;
        Assert.Equal(200, live["outcomes_total"]!.GetValue<long>());
        Assert.Equal(RuleBased, live["versions"]![0]!["model_version"]!.GetValue<string>());
        Assert.Contains("ml_layer_outcomes_total 200", prometheus);
        Assert.Contains(prometheus, l => l.StartsWith($"ml_layer_live_auc{{model_version=\"{RuleBased}\"}} ", StringComparison.Ordinal));
        Assert.Contains(prometheus, l => l.StartsWith($"ml_layer_live_hit_rate{{model_version=\"{RuleBased}\",regime=\"TRENDING\"}} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_regime_classifier_is_refused_naming_the_name()
    {
        using var response = await _client.GetAsync($"/models/regime_classifier/{RuleBased}/performance");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["name"]);
    }

    [Fact]
    public async Task The_validation_brier_comes_from_the_registered_metadata()
    {
        var incoming = Path.Combine(_state.Path, "incoming");
        Directory.CreateDirectory(incoming);
        var fixture = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Models", "Xgboost", "Fixtures", "depth6_trees100.model.json.gz");
        using (var source = new GZipStream(File.OpenRead(fixture), CompressionMode.Decompress))
        using (var target = File.Create(Path.Combine(incoming, "signal_filter_v2.json")))
        {
            source.CopyTo(target);
        }

        var register = new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = "v2.0.0",
            ["model_path"] = "signal_filter_v2.json",
            ["metadata"] = new JsonObject { ["auc"] = 0.6, ["brier_score"] = 0.2125 },
        };
        using var registered = await _client.PostAsync("/models/register", new StringContent(register.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var body = await _client.GetFromJsonAsync<JsonObject>("/models/signal_filter/v2.0.0/performance");

        Assert.Equal(0.2125, body!["validation_brier"]!.GetValue<double>());
        Assert.False(body["active"]!.GetValue<bool>());
    }
}
