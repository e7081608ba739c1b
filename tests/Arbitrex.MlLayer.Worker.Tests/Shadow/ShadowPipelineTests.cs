using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Shadow;

/// <summary>
/// The worker host in embedded mode (in-process broker): two stump signal filters registered, one live and one set
/// as shadow by <c>PUT /config</c>, bars published to the input exchanges, decisions read from both decision exchanges.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShadowPipelineTests : IDisposable
{
    private const string Key = "shadow-key";
    private const double LiveThreshold = 0.505;
    private const double ShadowThreshold = 0.605;
    private static readonly DateTime Start = new(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;
    private readonly InMemoryBroker _broker;
    private readonly ConcurrentQueue<MlDecision> _live = new();
    private readonly ConcurrentQueue<MlDecision> _shadow = new();
    private readonly ConcurrentQueue<(string Exchange, string DecisionId)> _arrivals = new();

    public ShadowPipelineTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key);
        _client = _factory.CreateClient();
        _client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        _broker = _factory.Services.GetRequiredService<InMemoryBroker>();
        _broker.SubscribeToDecisions(m => Arrived(_live, m.Exchange, m.Body));
        _broker.SubscribeToShadowDecisions(m => Arrived(_shadow, m.Exchange, m.Body));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task A_shadow_with_a_higher_threshold_disagrees_on_exactly_the_bars_between_the_thresholds_and_is_promoted_by_put_config()
    {
        await RegisterStumpAsync("v2.0.0", LiveThreshold);
        await RegisterStumpAsync("v2.1.0", ShadowThreshold);
        var live = await PutConfigAsync("""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0"}}""");
        var shadowed = await PutConfigAsync("""{"model":{"shadow_signal_filter_version":"v2.1.0"}}""");
        var liveHash = live["config_hash"]!.GetValue<string>();
        var shadowHash = shadowed["shadow_config_hash"]!.GetValue<string>();

        // The shadow key is outside the live hash: setting it changes no live decision's config_hash.
        Assert.Equal(liveHash, shadowed["config_hash"]!.GetValue<string>());
        Assert.Equal(liveHash, shadowed["previous_config_hash"]!.GetValue<string>());
        Assert.NotEqual(liveHash, shadowHash);
        var change = JsonNode.Parse(File.ReadLines(Path.Combine(_state.Path, "config_changes.jsonl")).Last())!;
        Assert.Equal("v2.1.0", change["after"]!["model"]!["shadow_signal_filter_version"]!.GetValue<string>());
        Assert.Equal(shadowHash, change["shadow_config_hash"]!.GetValue<string>());

        // The shadow's version cannot be deleted while it is set: the persisted config would name a missing model.
        var delete = await _client.DeleteAsync("/models/signal_filter/v2.1.0");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("model.shadow_signal_filter_version", await delete.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var hursts = Enumerable.Range(0, 40).Select(i => Math.Round(0.40 + (0.01 * i), 2)).ToArray();
        for (var i = 0; i < hursts.Length; i++)
        {
            PublishBar(Start.AddHours(i), hursts[i]);
        }

        await WaitForAsync(() => _shadow.Count >= hursts.Length && _live.Count >= hursts.Length);

        // Every bar's live decision was published before its shadow decision was.
        var order = _arrivals.ToList();
        Assert.All(_shadow, s => Assert.True(
            order.IndexOf((MessageExchanges.Decision, s.DecisionId)) is >= 0 and var published && published < order.IndexOf((MessageExchanges.ShadowDecision, s.DecisionId))));

        var liveById = _live.ToDictionary(d => d.DecisionId);
        var expected = hursts.Select((h, i) => (h, i)).Where(b => b.h >= LiveThreshold && b.h < ShadowThreshold).Select(b => Id(b.i)).ToHashSet();
        var disagreeing = _shadow.Where(s => s.AllowTrade != liveById[s.DecisionId].AllowTrade).Select(s => s.DecisionId).ToHashSet();
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected, disagreeing);
        Assert.All(_live, d => Assert.Equal(liveHash, d.ConfigHash));
        Assert.All(_live, d => Assert.Equal("v2.0.0", d.ModelVersions["signal_filter"]));
        Assert.All(_shadow, d => Assert.Equal(shadowHash, d.ConfigHash));
        Assert.All(_shadow, d => Assert.Equal("v2.1.0", d.ModelVersions["signal_filter"]));

        var report = (await _client.GetFromJsonAsync<JsonObject>("/models/shadow"))!;
        Assert.True(report["configured"]!.GetValue<bool>());
        Assert.Equal("v2.1.0", report["shadow_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal(40, report["comparison"]!["window"]!["bars"]!.GetValue<int>());
        Assert.Equal(0.75, report["comparison"]!["window"]!["allow_trade_agreement"]!.GetValue<double>());
        Assert.Equal(1.0, report["comparison"]!["window"]!["regime_agreement"]!.GetValue<double>());
        var shown = report["comparison"]!["disagreements"]!.AsArray();
        Assert.Equal(expected, shown.Select(d => d!["decision_id"]!.GetValue<string>()).ToHashSet());
        Assert.All(shown, d => Assert.NotEqual(d!["live"]!["allow_trade"]!.GetValue<bool>(), d["shadow"]!["allow_trade"]!.GetValue<bool>()));

        var exposition = await _client.GetStringAsync("/metrics/prometheus");
        Assert.Contains("ml_layer_shadow_agreement{field=\"allow_trade\"} 0.75", exposition, StringComparison.Ordinal);
        Assert.Contains("ml_layer_shadow_agreement{field=\"regime\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("ml_layer_shadow_decisions_total 40", exposition, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(exposition);

        var audited = AuditLogReader.Read(_factory.AuditFile).ToList();
        Assert.Equal(40, audited.Count(r => r.Source == DecisionSource.Bus));
        Assert.Equal(expected.Order(), audited.Where(r => r.Source == DecisionSource.Shadow && r.Allowed != liveById[r.DecisionId].AllowTrade).Select(r => r.DecisionId).Order());
        Assert.All(File.ReadLines(_factory.AuditFile).Where(l => l.Contains("\"source\":\"shadow\"", StringComparison.Ordinal)),
            l => Assert.Contains("\"record_type\":\"shadow_decision\"", l, StringComparison.Ordinal));

        // Outcomes of the bars score live and shadow side by side on the same bars.
        var success = hursts.Select(h => h >= 0.55).ToArray();
        for (var i = 0; i < hursts.Length; i++)
        {
            _broker.Publish(MessageExchanges.Outcome, "SHDW.1H", Bars.Json(new TradeOutcome { DecisionId = Id(i), Symbol = "SHDW", Timeframe = "1H", BarTime = Start.AddHours(i), Success = success[i] }));
        }

        JsonNode quality;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((quality = (await _client.GetFromJsonAsync<JsonObject>("/models/shadow"))!["quality"]!)["pairs"]!.GetValue<int>() < hursts.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(hursts.Length, quality["pairs"]!.GetValue<int>());
        var shadowById = _shadow.ToDictionary(d => d.DecisionId);
        double Brier(Func<string, MlDecision> decision) =>
            Enumerable.Range(0, hursts.Length).Average(i => Math.Pow(decision(Id(i)).Signal.SuccessProbability - (success[i] ? 1 : 0), 2));
        Assert.Equal(("v2.0.0", "v2.1.0"), (quality["live_version"]!.GetValue<string>(), quality["shadow_version"]!.GetValue<string>()));
        Assert.Equal(Brier(id => liveById[id]), quality["live"]!["brier"]!["value"]!.GetValue<double>(), 12);
        Assert.Equal(Brier(id => shadowById[id]), quality["shadow"]!["brier"]!["value"]!.GetValue<double>(), 12);

        // Promotion: the shadow's version made live (and the shadow cleared) is the config the shadow decided with.
        var promoted = await PutConfigAsync("""{"model":{"signal_filter_version":"v2.1.0","shadow_signal_filter_version":null}}""");
        Assert.Equal(shadowHash, promoted["config_hash"]!.GetValue<string>());
        Assert.Null(promoted["shadow_config_hash"]);
        var after = (await _client.GetFromJsonAsync<JsonObject>("/models/shadow"))!;
        Assert.False(after["configured"]!.GetValue<bool>());
        Assert.Equal("v2.1.0", after["live_versions"]!["signal_filter"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_shadow_version_missing_from_the_registry_is_refused_naming_the_key_and_changes_nothing()
    {
        var response = await _client.PutAsync("/config", new StringContent("""{"model":{"shadow_signal_filter_version":"v7.0.0"}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["model.shadow_signal_filter_version"]);
        Assert.Null((await _client.GetFromJsonAsync<JsonObject>("/config"))!["model"]!["shadow_signal_filter_version"]);
    }

    private void Arrived(ConcurrentQueue<MlDecision> decisions, string exchange, ReadOnlyMemory<byte> body)
    {
        var decision = JsonSerializer.Deserialize<MlDecision>(body.Span, ContractJson.Options)!;
        _arrivals.Enqueue((exchange, decision.DecisionId));
        decisions.Enqueue(decision);
    }

    private async Task RegisterStumpAsync(string version, double threshold)
    {
        var incoming = Path.Combine(_state.Path, "incoming");
        Directory.CreateDirectory(incoming);
        var file = $"stump_{version}.json";
        await File.WriteAllBytesAsync(Path.Combine(incoming, file), XgboostStump.Model("hurst_exponent", (float)threshold, -1.5f, 1.5f));
        var response = await _client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = version,
            ["model_path"] = file,
            ["metadata"] = new JsonObject { ["features"] = 16 },
        }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<JsonObject> PutConfigAsync(string body)
    {
        var response = await _client.PutAsync("/config", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private void PublishBar(DateTime barTime, double hurst)
    {
        var features = SampleBar.Features();
        features["hurst_exponent"] = hurst;
        var qse = SampleBar.Qse("SHDW", "1H") with { BarTime = barTime };
        _broker.Publish(MessageExchanges.FeatureSnapshot, "SHDW.1H", Bars.Json(new FeatureSnapshot { Symbol = "SHDW", Timeframe = "1H", BarTime = barTime, Features = features }));
        _broker.Publish(MessageExchanges.QseOutput, "SHDW.1H", Bars.Json(qse));
    }

    private static string Id(int hour) => Core.Engine.DecisionIds.For("SHDW", "1H", Start.AddHours(hour));

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), string.Create(CultureInfo.InvariantCulture, $"not reached within 30 s"));
    }
}
