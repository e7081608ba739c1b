using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

[Trait("Category", "Integration")]
public sealed class AdminApiTests : IDisposable
{
    private const string Key = "test-key-123";
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public AdminApiTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PutConfigAsync(string body, string? key = Key, string? remoteIp = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/config") { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        if (remoteIp is not null)
        {
            request.Headers.Add(AdminApiFactory.RemoteIpHeader, remoteIp);
        }

        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostBatchAsync(string body, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/batch_predict") { Content = Json(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await _client.SendAsync(request);
    }

    /// <summary>A decision of the live stream, as the bus path feeds it to the monitor.</summary>
    private MlDecision RecordLive(string symbol = "EURUSD")
    {
        var decision = _factory.Services.GetRequiredService<InferenceEngine>().Predict(symbol, "4H", SampleBar.BarTime, SampleBar.Features(), SampleBar.Qse(symbol, "4H"));
        _factory.Services.GetRequiredService<MlMonitor>().Record(decision);
        return decision;
    }

    private AdHocPredictionCounter AdHoc => _factory.Services.GetRequiredService<AdHocPredictionCounter>();

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task Root_lists_the_endpoints()
    {
        var body = await _client.GetFromJsonAsync<JsonObject>("/");

        Assert.Equal("Arbitrex ML Layer", body!["service"]!.GetValue<string>());
        Assert.Equal("/docs", body["links"]!["docs"]!.GetValue<string>());
        Assert.Equal("/metrics/prometheus", body["links"]!["prometheus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_is_healthy_with_the_config_hash_and_readiness_passes()
    {
        var health = await _client.GetFromJsonAsync<JsonObject>("/health");
        var ready = await _client.GetAsync("/health/ready");

        Assert.Equal("healthy", health!["status"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", health["config_hash"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Status_reports_versions_hash_and_components()
    {
        var status = await _client.GetFromJsonAsync<JsonObject>("/status");

        Assert.Equal("v1.0.0_rule_based", status!["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.NotNull(status["components"]!["audit"]);
        Assert.True(status["uptime_seconds"]!.GetValue<double>() >= 0);
    }

    [Fact]
    public async Task Predict_answers_the_decision_audits_it_and_counts_it_apart_from_the_live_metrics()
    {
        var response = await _client.PostAsync("/predict", Json(PredictBodies.Predict()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prediction = (await BodyAsync(response))["prediction"]!;
        Assert.True(prediction["allow_trade"]!.GetValue<bool>());
        Assert.Equal("TRENDING", prediction["regime"]!["regime_label"]!.GetValue<string>());
        Assert.Equal("2025-12-22T12:00:00Z", prediction["bar_time"]!.GetValue<string>());
        var decisionId = prediction["decision_id"]!.GetValue<string>();

        var auditLines = await File.ReadAllLinesAsync(_factory.AuditFile);
        var record = JsonNode.Parse(Assert.Single(auditLines, l => l.Contains(decisionId, StringComparison.Ordinal)))!;
        Assert.Equal("http", record["source"]!.GetValue<string>());
        Assert.Equal(1, AdHoc.Count(AdHocEndpoint.Predict, AdHocOutcome.Allowed));
        var metrics = await _client.GetFromJsonAsync<JsonObject>("/metrics");
        Assert.Equal(0, metrics!["predictions_total"]!.GetValue<long>());
        var history = await _client.GetFromJsonAsync<JsonObject>("/metrics/decisions?limit=5");
        Assert.Empty(history!["decisions"]!.AsArray());
    }

    [Fact]
    public async Task The_seed_view_of_the_decision_history_carries_the_fields_the_seed_client_reads()
    {
        RecordLive();

        var metrics = await _client.GetFromJsonAsync<JsonObject>("/metrics");
        var history = await _client.GetFromJsonAsync<JsonObject>("/metrics/decisions?limit=100&view=seed");
        var bad = await _client.GetAsync("/metrics/decisions?view=flat");

        Assert.Equal(metrics!["latency"]!["avg_ms"]!.GetValue<double>(), metrics["avg_processing_time_ms"]!.GetValue<double>());
        var item = history!["decisions"]![0]!;
        Assert.Equal("TRENDING", item["regime"]!.GetValue<string>());
        Assert.True(item["allowed"]!.GetValue<bool>());
        Assert.InRange(item["signal_prob"]!.GetValue<double>(), 0.55, 1);
        Assert.Equal("EURUSD", item["symbol"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("view", (await BodyAsync(bad))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Ad_hoc_predictions_leave_the_live_regime_smoothing_as_it_was()
    {
        var engine = _factory.Services.GetRequiredService<InferenceEngine>();
        var bar = SampleBar.BarTime;
        var qse = SampleBar.Qse("EURUSD", "4H");
        engine.Predict("EURUSD", "4H", bar, SampleBar.Features(), qse);

        // Three stressed bars in a row would flip the smoothed label (smoothing_bars 3) if they counted.
        var stateless = new List<string>();
        var withLiveState = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var stressed = PredictBodies.Predict(barTime: bar.AddHours(4 * i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            stressed["features"]!["volatility_percentile"] = 0.97;
            stateless.Add((await BodyAsync(await _client.PostAsync("/predict", Json(stressed))))["prediction"]!["regime"]!["regime_label"]!.GetValue<string>());
            stressed["use_live_state"] = true;
            withLiveState.Add((await BodyAsync(await _client.PostAsync("/predict", Json(stressed))))["prediction"]!["regime"]!["regime_label"]!.GetValue<string>());
        }

        var next = bar.AddHours(16);
        var live = engine.Predict("EURUSD", "4H", next, StressedFeatures(), qse with { BarTime = next });

        // Stateless by default: the raw label, whatever the live state; asked for, the live state is read, never moved.
        Assert.All(stateless, label => Assert.Equal("STRESSED", label));
        Assert.All(withLiveState, label => Assert.Equal("TRENDING", label));
        Assert.Equal("TRENDING", live.Regime.RegimeLabel);
    }

    private static Dictionary<string, double> StressedFeatures()
    {
        var features = SampleBar.Features();
        features["volatility_percentile"] = 0.97;
        return features;
    }

    [Fact]
    public async Task Same_bar_predicted_twice_gives_the_same_decision_id()
    {
        var first = await BodyAsync(await _client.PostAsync("/predict", Json(PredictBodies.Predict())));
        var second = await BodyAsync(await _client.PostAsync("/predict", Json(PredictBodies.Predict())));

        Assert.Equal(first["prediction"]!["decision_id"]!.GetValue<string>(), second["prediction"]!["decision_id"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadPredictBodies()
    {
        var noSymbol = PredictBodies.Predict();
        noSymbol.Remove("symbol");
        var noFeature = PredictBodies.Predict();
        noFeature["features"]!.AsObject().Remove("volatility");
        var nanFeature = PredictBodies.Predict();
        nanFeature["features"]!["rsi"] = "NaN";
        var textFeature = PredictBodies.Predict();
        textFeature["features"]!["rsi"] = "high";
        var badTimeframe = PredictBodies.Predict();
        badTimeframe["timeframe"] = "7X";
        var noQse = PredictBodies.Predict();
        noQse.Remove("qse_output");
        var noGates = PredictBodies.Predict();
        noGates["qse_output"]!.AsObject().Remove("gates");
        return new TheoryData<string, string>
        {
            { noSymbol.ToJsonString(), "symbol" },
            { noFeature.ToJsonString(), "features.volatility" },
            { nanFeature.ToJsonString(), "features.rsi" },
            { textFeature.ToJsonString(), "features.rsi" },
            { badTimeframe.ToJsonString(), "timeframe" },
            { noQse.ToJsonString(), "qse_output" },
            { noGates.ToJsonString(), "qse_output.gates" },
            { "{\"symbol\": ", "body" },
        };
    }

    [Theory]
    [MemberData(nameof(BadPredictBodies))]
    public async Task Predict_refuses_bad_input_with_a_problem_naming_the_field(string body, string field)
    {
        var response = await _client.PostAsync("/predict", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await BodyAsync(response);
        Assert.NotNull(problem["errors"]![field]);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.False(File.Exists(_factory.AuditFile) && (await File.ReadAllLinesAsync(_factory.AuditFile)).Length > 0);
    }

    [Fact]
    public async Task Batch_predict_reports_each_bad_item_without_failing_the_rest()
    {
        var bad = PredictBodies.Predict("GBPUSD");
        bad["features"]!.AsObject().Remove("rsi");
        var body = new JsonObject { ["requests"] = new JsonArray(PredictBodies.Predict("EURUSD"), bad, PredictBodies.Predict("USDJPY")) };

        var response = await PostBatchAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await BodyAsync(response);
        Assert.Equal(["EURUSD", "USDJPY"], result["predictions"]!.AsArray().Select(p => p!["symbol"]!.GetValue<string>()));
        var error = Assert.Single(result["errors"]!.AsArray());
        Assert.Equal(1, error!["index"]!.GetValue<int>());
        Assert.Equal("features.rsi", error["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_predict_refuses_an_empty_batch()
    {
        var response = await PostBatchAsync("""{"requests":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await BodyAsync(response))["errors"]!["requests"]);
    }

    [Fact]
    public async Task Uptime_counts_from_the_host_start_not_from_the_first_request()
    {
        // The constructor started the host; no request has been made yet.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var status = await _client.GetFromJsonAsync<JsonObject>("/status");

        Assert.True(status!["uptime_seconds"]!.GetValue<double>() >= 0.9);
        Assert.True(DateTime.UtcNow - status["started_at"]!.GetValue<DateTime>() >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Get_config_returns_the_document_and_its_hash()
    {
        var response = await _client.GetAsync("/config");
        var config = await BodyAsync(response);

        Assert.Equal(0.6, config["decision"]!["min_regime_confidence"]!.GetValue<double>());
        Assert.Matches("^[0-9a-f]{16}$", response.Headers.GetValues("X-Config-Hash").Single());
    }

    [Fact]
    public async Task Put_config_hot_reloads_the_next_decision_and_its_hash()
    {
        var before = (await BodyAsync(await _client.PostAsync("/predict", Json(PredictBodies.Predict()))))["prediction"]!;

        var put = await PutConfigAsync("""{"decision":{"min_signal_probability":0.999}}""");
        var after = (await BodyAsync(await _client.PostAsync("/predict", Json(PredictBodies.Predict()))))["prediction"]!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var result = await BodyAsync(put);
        Assert.Equal(before["config_hash"]!.GetValue<string>(), result["previous_config_hash"]!.GetValue<string>());
        Assert.Equal(result["config_hash"]!.GetValue<string>(), after["config_hash"]!.GetValue<string>());
        Assert.True(before["allow_trade"]!.GetValue<bool>());
        Assert.False(after["allow_trade"]!.GetValue<bool>());
        Assert.StartsWith("Signal probability too low", after["decision_reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"decision":{"min_regime_confidence":1.7}}""", "decision.min_regime_confidence")]
    [InlineData("""{"decision":{"no_such_key":1}}""", "decision.no_such_key")]
    [InlineData("""{"model":{"signal_filter_version":"v9.9.9"}}""", "model.signal_filter_version")]
    [InlineData("""{"monitoring":{"alert_rules":[{"name":"x","metric":"nope","operator":">","threshold":1}]}}""", "monitoring.alert_rules[0].metric")]
    [InlineData("[1]", "body")]
    public async Task Put_config_refuses_invalid_documents_naming_the_key_and_changes_nothing(string body, string key)
    {
        var hashBefore = (await _client.GetAsync("/config")).Headers.GetValues("X-Config-Hash").Single();

        var response = await PutConfigAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await BodyAsync(response))["errors"]![key]);
        Assert.Equal(hashBefore, (await _client.GetAsync("/config")).Headers.GetValues("X-Config-Hash").Single());
        Assert.False(File.Exists(Path.Combine(_state.Path, "runtime_config.json")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Mutating_endpoints_refuse_a_missing_or_wrong_key(string? key)
    {
        var put = await PutConfigAsync("""{"decision":{"min_signal_probability":0.6}}""", key, remoteIp: "127.0.0.1");
        using var reset = new HttpRequestMessage(HttpMethod.Post, "/reset");
        if (key is not null)
        {
            reset.Headers.Add("X-Api-Key", key);
        }

        var resetResponse = await _client.SendAsync(reset);

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, resetResponse.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Config_changes_are_persisted_logged_and_survive_a_restart()
    {
        var put = await PutConfigAsync("""{"decision":{"allowed_regimes":["TRENDING","RANGING"]}}""");
        var newHash = (await BodyAsync(put))["config_hash"]!.GetValue<string>();

        // Stopped first: one audit writer per folder, as in a real restart.
        _client.Dispose();
        _factory.Dispose();
        using var restarted = new AdminApiFactory(_state.Path, Key);
        using var client = restarted.CreateClient();
        var response = await client.GetAsync("/config");
        var config = await BodyAsync(response);

        Assert.Equal(["TRENDING", "RANGING"], config["decision"]!["allowed_regimes"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(newHash, response.Headers.GetValues("X-Config-Hash").Single());
        var change = JsonNode.Parse(File.ReadAllLines(Path.Combine(_state.Path, "config_changes.jsonl")).Single())!;
        Assert.Equal(newHash, change["config_hash"]!.GetValue<string>());
        Assert.Equal(AdminCaller.KeyId(Key), change["changed_by"]!.GetValue<string>());
        Assert.Matches("^key:[0-9a-f]{8}$", change["changed_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task Switching_prediction_logging_off_stops_audit_records_but_not_counting()
    {
        await _client.PostAsync("/predict", Json(PredictBodies.Predict("EURUSD")));

        await PutConfigAsync("""{"governance":{"enable_prediction_logging":false}}""");
        await _client.PostAsync("/predict", Json(PredictBodies.Predict("GBPUSD")));
        Assert.Single(await File.ReadAllLinesAsync(_factory.AuditFile));
        Assert.Equal(2, AdHoc.Count(AdHocEndpoint.Predict, AdHocOutcome.Allowed));
    }

    [Fact]
    public async Task Reset_clears_windowed_metrics_and_keeps_the_audit_log()
    {
        await _client.PostAsync("/predict", Json(PredictBodies.Predict()));
        using var reset = new HttpRequestMessage(HttpMethod.Post, "/reset");
        reset.Headers.Add("X-Api-Key", Key);

        var response = await _client.SendAsync(reset);
        var metrics = await _client.GetFromJsonAsync<JsonObject>("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, metrics!["predictions_since_reset"]!.GetValue<long>());
        Assert.Single(await File.ReadAllLinesAsync(_factory.AuditFile));
        var change = JsonNode.Parse(File.ReadAllLines(Path.Combine(_state.Path, "config_changes.jsonl")).Single())!;
        Assert.Equal("reset", change["action"]!.GetValue<string>());
        Assert.Equal(AdminCaller.KeyId(Key), change["changed_by"]!.GetValue<string>());
        Assert.NotNull(change["remote_address"]);
        Assert.Equal(0, change["after"]!["tracked_smoothing_keys"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prometheus_endpoint_serves_the_text_format_with_the_seed_names()
    {
        RecordLive();

        var response = await _client.GetAsync("/metrics/prometheus");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Contains("ml_layer_predictions_total 1", text, StringComparison.Ordinal);
        Assert.Contains("ml_layer_processing_time_ms{quantile=\"0.95\"}", text, StringComparison.Ordinal);
        Assert.Contains("ml_layer_active_alerts", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/metrics/decisions?limit=0", "limit")]
    [InlineData("/metrics/decisions?limit=10001", "limit")]
    [InlineData("/metrics/decisions?limit=abc", "limit")]
    [InlineData("/metrics/decisions?limit=5.5", "limit")]
    [InlineData("/metrics/decisions?allowed=maybe", "allowed")]
    public async Task Decision_history_refuses_a_bad_query_naming_the_parameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await BodyAsync(response))["errors"]![parameter]);
    }

    [Fact]
    public async Task Decision_history_filters_by_symbol_and_allowed()
    {
        RecordLive("EURUSD");
        RecordLive("GBPUSD");

        var history = await _client.GetFromJsonAsync<JsonObject>("/metrics/decisions?symbol=GBPUSD&allowed=true");

        Assert.Equal(1, history!["count"]!.GetValue<int>());
        Assert.Equal("GBPUSD", history["decisions"]![0]!["symbol"]!.GetValue<string>());
    }

    [Fact]
    public async Task Alerts_lists_the_default_rules()
    {
        var alerts = await _client.GetFromJsonAsync<JsonObject>("/alerts");

        Assert.Equal(0, alerts!["active_count"]!.GetValue<int>());
        Assert.Equal(Core.Monitoring.DefaultAlertRules.All.Count, alerts["rules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Swagger_ui_and_the_openapi_document_are_served()
    {
        var docs = await _client.GetAsync("/docs/index.html");
        var openApi = await _client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("swagger", await docs.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"/predict\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"/config\"", openApi, StringComparison.Ordinal);
    }
}
