using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>The ad-hoc prediction count in <c>GET /metrics</c> and as <c>ml_layer_adhoc_predictions_total{endpoint,outcome}</c>.</summary>
[Trait("Category", "Integration")]
public sealed class AdHocPredictionMetricsTests : IDisposable
{
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public AdHocPredictionMetricsTests()
    {
        _factory = new AdminApiFactory(_state.Path);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    private static long Series(string exposition, string endpoint, string outcome)
    {
        var match = Regex.Match(exposition, $"(?m)^ml_layer_adhoc_predictions_total\\{{endpoint=\"{endpoint}\",outcome=\"{outcome}\"\\}} (\\d+)$");
        Assert.True(match.Success, $"no series for {endpoint}/{outcome} in\n{exposition}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Every_series_is_exported_from_the_start_and_counts_decided_and_refused_predictions_apart_from_the_live_figures()
    {
        var before = await _client.GetStringAsync("/metrics/prometheus");
        foreach (var endpoint in new[] { "predict", "batch_predict" })
        {
            foreach (var outcome in new[] { "allowed", "suppressed", "refused", "rate_limited" })
            {
                Assert.Equal(0, Series(before, endpoint, outcome));
            }
        }

        var bad = PredictBodies.Predict();
        bad["features"]!["rsi"] = "NaN";
        using (var decided = await _client.PostAsync("/predict", new StringContent(PredictBodies.Predict().ToJsonString(), Encoding.UTF8, "application/json")))
        using (var refused = await _client.PostAsync("/predict", new StringContent(bad.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var json = (await _client.GetFromJsonAsync<JsonObject>("/metrics"))!;
        var exposition = await _client.GetStringAsync("/metrics/prometheus");

        var predict = json["adhoc_predictions"]!["predict"]!;
        Assert.Equal(1, predict["allowed"]!.GetValue<long>() + predict["suppressed"]!.GetValue<long>());
        Assert.Equal(1, predict["refused"]!.GetValue<long>());
        Assert.Equal(0, json["adhoc_predictions"]!["batch_predict"]!["allowed"]!.GetValue<long>());
        Assert.Equal(1, Series(exposition, "predict", "allowed") + Series(exposition, "predict", "suppressed"));
        Assert.Equal(1, Series(exposition, "predict", "refused"));
        Assert.Equal(0, json["predictions_total"]!.GetValue<long>());
        Assert.Equal(0, json["audit_write_failures"]!.GetValue<long>());
        await Promtool.AssertValidAsync(exposition);
    }
}
