using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary>
/// <c>POST /models/{name}/{version}/baseline</c> on the real host: bars go through the in-process bus into the drift
/// window, the capture is stored in the registry metadata, audited as <c>baseline_capture</c> and change-logged; and
/// each refusal (400 bars, 404 model, 409 existing baseline or too few bars).
/// </summary>
[Trait("Category", "Integration")]
public sealed class BaselineApiTests : IDisposable
{
    private const string Key = "baseline-key";
    private const string RuleBased = "/models/signal_filter/v1.0.0_rule_based/baseline";
    private const int MinSample = 20;

    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public BaselineApiTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key, new Dictionary<string, string?>
        {
            ["Monitoring:Drift:WindowBars"] = "50",
            ["Monitoring:Drift:MinSample"] = MinSample.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Monitoring:Drift:RefreshInterval"] = "00:00:00",
        });
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task A_capture_from_live_bars_is_stored_audited_change_logged_and_used_by_the_drift_report()
    {
        await DecideBarsAsync(30);

        var response = await _client.PostAsync(RuleBased, null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((30, 16, true), (body["bars"]!.GetValue<int>(), body["features"]!.GetValue<int>(), body["prediction_baseline"]!.GetValue<bool>()));

        var metadata = (await _client.GetFromJsonAsync<JsonObject>("/models/signal_filter/v1.0.0_rule_based"))!["metadata"]!;
        Assert.Equal(30, metadata["feature_baseline"]!["rsi"]!["counts"]!.AsArray().Sum(c => c!.GetValue<int>()));
        Assert.Equal(30, metadata["feature_baseline"]!["rsi"]!["sample"]!.AsArray().Count);
        Assert.Equal(30, metadata["prediction_baseline"]!["counts"]!.AsArray().Sum(c => c!.GetValue<int>()));

        var audited = Assert.Single(AuditLogReader.ReadEvents(Path.GetDirectoryName(_factory.AuditFile)!, AuditRecordTypes.BaselineCapture));
        var record = audited.Read<BaselineCaptureRecord>();
        Assert.Equal(("signal_filter", "v1.0.0_rule_based", 30), (record.ModelName, record.Version, record.Bars));
        Assert.Equal(body["baseline_sha256"]!.GetValue<string>(), record.BaselineSha256);
        Assert.Equal(AdminCaller.KeyId(Key), record.ChangedBy);
        Assert.True(AuditChainVerifier.Verify(_factory.AuditFile).IsIntact);

        var change = JsonNode.Parse(File.ReadLines(Path.Combine(_state.Path, "config_changes.jsonl")).Last())!;
        Assert.Equal(("model.baseline_capture", "signal_filter/v1.0.0_rule_based"), (change["action"]!.GetValue<string>(), change["target"]!.GetValue<string>()));

        // The same bars against their own baseline: a verdict for every feature, and no drift.
        var drift = (await _client.GetFromJsonAsync<JsonObject>("/metrics"))!["drift"]!;
        Assert.True(drift["has_baseline"]!.GetValue<bool>());
        Assert.All(drift["features"]!.AsObject(), f => Assert.Equal(DriftLevels.None, f.Value!["level"]!.GetValue<string>()));
        Assert.Equal(0, drift["prediction"]!["psi"]!.GetValue<double>(), 9);
    }

    [Fact]
    public async Task A_version_that_already_has_a_baseline_answers_409_and_keeps_it()
    {
        await DecideBarsAsync(25);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(RuleBased, null)).StatusCode);
        var before = await _client.GetStringAsync("/models/signal_filter/v1.0.0_rule_based");

        var again = await _client.PostAsync(RuleBased, null);

        await AssertProblemAsync(again, HttpStatusCode.Conflict, "already has a drift baseline");
        Assert.Equal(before, await _client.GetStringAsync("/models/signal_filter/v1.0.0_rule_based"));
        Assert.Single(AuditLogReader.ReadEvents(Path.GetDirectoryName(_factory.AuditFile)!, AuditRecordTypes.BaselineCapture));
    }

    [Fact]
    public async Task A_window_with_fewer_bars_than_the_minimum_sample_answers_409_naming_the_count()
    {
        await DecideBarsAsync(5);

        var response = await _client.PostAsync(RuleBased, null);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "The live window holds 5 bars");
        Assert.Empty(AuditLogReader.ReadEvents(Path.GetDirectoryName(_factory.AuditFile)!, AuditRecordTypes.BaselineCapture));
    }

    [Theory]
    [InlineData("/models/signal_filter/v9.9.9/baseline")]
    [InlineData("/models/no_such_model/v1.0.0/baseline")]
    public async Task An_unknown_model_or_version_answers_404(string path)
    {
        var response = await _client.PostAsync(path, null);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not registered");
    }

    [Theory]
    [InlineData("{\"bars\": 5}")]
    [InlineData("{\"bars\": 51}")]
    [InlineData("{\"bars\": \"many\"}")]
    public async Task Bars_outside_the_minimum_sample_and_the_window_answer_400_naming_bars(string json)
    {
        var response = await _client.PostAsync(RuleBased, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey("bars"), problem.ToJsonString());
    }

    [Fact]
    public async Task Without_the_api_key_the_capture_is_refused()
    {
        using var anonymous = _factory.CreateClient();

        var response = await anonymous.PostAsync(RuleBased, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(detail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Publishes <paramref name="count"/> bars on the in-process bus and waits until the drift window holds them.</summary>
    private async Task DecideBarsAsync(int count)
    {
        var broker = _factory.Services.GetRequiredService<InMemoryBroker>();
        var drift = _factory.Services.GetRequiredService<DriftMonitor>();
        // Whole hours that have all begun: a bar ahead of the clock is refused, whatever the time of day the test runs.
        var now = DateTime.UtcNow;
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-count);
        for (var i = 0; i < count; i++)
        {
            var barTime = start.AddHours(i);
            var features = SampleBar.Features();
            features["rsi"] = 45 + (i % 20);
            features["momentum_score"] = 0.3 + (0.02 * (i % 13));
            var snapshot = new FeatureSnapshot { Symbol = "EURUSD", Timeframe = "1H", BarTime = barTime, Features = features };
            var qse = SampleBar.Qse("EURUSD", "1H") with { BarTime = barTime };
            broker.Publish(MessageExchanges.FeatureSnapshot, "EURUSD.1H", JsonSerializer.SerializeToUtf8Bytes(snapshot, ContractJson.Options));
            broker.Publish(MessageExchanges.QseOutput, "EURUSD.1H", JsonSerializer.SerializeToUtf8Bytes(qse, ContractJson.Options));
        }

        await Eventually.HoldsAsync(() => drift.Window.Version >= count, TimeSpan.FromSeconds(30));
        Assert.Equal(count, drift.Window.Version);
    }
}
