using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary><c>PUT /config</c> as one consistent step: validated against the host, applied with its alert rules, persisted and logged, or not at all.</summary>
[Trait("Category", "Integration")]
public sealed class ConfigApiTests : IDisposable
{
    private const string Key = "config-key";
    private const string HostRule = "host_backlog";
    private readonly TempDirectory _state = new();
    private readonly AdminApiFactory _factory;
    private readonly HttpClient _client;

    public ConfigApiTests()
    {
        _factory = new AdminApiFactory(_state.Path, Key, new Dictionary<string, string?>
        {
            ["Monitoring:AlertRules:0:Name"] = HostRule,
            ["Monitoring:AlertRules:0:Metric"] = "prediction_count",
            ["Monitoring:AlertRules:0:Operator"] = ">",
            ["Monitoring:AlertRules:0:Threshold"] = "1000000",
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

    private string RuntimeConfigPath => Path.Combine(_state.Path, "runtime_config.json");

    private string ChangeLogPath => Path.Combine(_state.Path, "config_changes.jsonl");

    private MlMonitor Monitor => _factory.Services.GetRequiredService<MlMonitor>();

    private static string RuleBody(string name, double threshold = 0) =>
        $$$"""{"monitoring":{"alert_rules":[{"name":"{{{name}}}","metric":"prediction_count","operator":">=","threshold":{{{threshold}}}}]}}""";

    private Task<HttpResponseMessage> PutConfigAsync(string body) =>
        _client.PutAsync("/config", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<string> ConfigHashAsync() =>
        (await _client.GetAsync("/config")).Headers.GetValues("X-Config-Hash").Single();

    [Fact]
    public async Task A_custom_rule_named_like_a_host_rule_is_refused_with_400_before_anything_is_applied()
    {
        var hashBefore = await ConfigHashAsync();

        var response = await PutConfigAsync("""{"decision":{"min_signal_probability":0.9},""" + RuleBody(HostRule)[1..]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!;
        Assert.Contains(HostRule, errors["monitoring.alert_rules[0].name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(hashBefore, await ConfigHashAsync());
        Assert.False(File.Exists(RuntimeConfigPath));
        Assert.False(File.Exists(ChangeLogPath));
        Assert.Equal(">", Monitor.AlertRules.Single(r => r.Name == HostRule).Operator);
    }

    [Fact]
    public void A_persisted_rule_named_like_a_host_rule_stops_start_up_naming_the_key_and_the_file()
    {
        File.WriteAllText(RuntimeConfigPath, RuleBody(HostRule));
        using var restarted = new AdminApiFactory(_state.Path, Key, new Dictionary<string, string?>
        {
            ["Monitoring:AlertRules:0:Name"] = HostRule,
            ["Monitoring:AlertRules:0:Metric"] = "prediction_count",
            ["Monitoring:AlertRules:0:Operator"] = ">",
            ["Monitoring:AlertRules:0:Threshold"] = "1000000",
        });

        var error = Assert.ThrowsAny<Exception>(() => restarted.CreateClient());

        var invalid = Assert.IsType<InvalidConfigException>(error.GetBaseException());
        Assert.Contains(invalid.Errors, e => e.Key == "monitoring.alert_rules[0].name" && e.Message.Contains(RuntimeConfigPath, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("runtime config file")]
    [InlineData("change log")]
    public async Task A_change_that_cannot_be_saved_or_logged_is_rolled_back_engine_rules_and_file(string failing)
    {
        var hashBefore = await ConfigHashAsync();

        // A directory in the file's way: the save fails (its rename onto the path cannot replace a directory), or
        // the change-log append fails after a successful save.
        Directory.CreateDirectory(failing == "change log" ? ChangeLogPath : RuntimeConfigPath);
        var response = await PutConfigAsync("""{"decision":{"min_signal_probability":0.9},""" + RuleBody("custom")[1..]);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(hashBefore, await ConfigHashAsync());
        Assert.DoesNotContain(Monitor.AlertRules, r => r.Name == "custom");
        Assert.False(File.Exists(RuntimeConfigPath));
    }

    [Fact]
    public async Task Concurrent_changes_reach_the_change_handlers_in_the_order_they_were_applied()
    {
        var configs = _factory.Services.GetRequiredService<RuntimeConfigService>();
        var seen = new List<EngineConfig>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        configs.Changed += config =>
        {
            if (firstEntered.TrySetResult())
            {
                // Holds the first change in its handlers while the second one is sent.
                Thread.Sleep(500);
            }

            lock (seen)
            {
                seen.Add(config);
            }
        };

        // Task.Run: the test server may run a request inline up to its first real await.
        var first = Task.Run(() => PutConfigAsync(RuleBody("first")));
        await firstEntered.Task;
        var second = Task.Run(() => PutConfigAsync(RuleBody("second")));
        await Task.WhenAll(first, second);

        var engine = _factory.Services.GetRequiredService<InferenceEngine>();
        Assert.Equal("second", engine.Config.Monitoring.AlertRules.Single().Name);
        Assert.Equal("second", seen[^1].Monitoring.AlertRules.Single().Name);
        Assert.Contains(Monitor.AlertRules, r => r.Name == "second");
        Assert.DoesNotContain(Monitor.AlertRules, r => r.Name == "first");
    }

    [Fact]
    public async Task An_unrelated_change_leaves_a_firing_custom_alert_firing()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync(RuleBody("always"))).StatusCode);
        Monitor.EvaluateAlerts();
        var fired = Assert.Single(Monitor.ActiveAlerts, a => a.Name == "always");

        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync("""{"decision":{"min_signal_probability":0.9}}""")).StatusCode);

        Assert.Equal(fired.FiredAt, Assert.Single(Monitor.ActiveAlerts, a => a.Name == "always").FiredAt);
        Assert.DoesNotContain(Monitor.GetAlertHistory(), a => a.Name == "always" && a.State == AlertState.Resolved);
    }

    [Fact]
    public async Task A_changed_custom_rule_is_replaced()
    {
        await PutConfigAsync(RuleBody("always"));

        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync(RuleBody("always", 5))).StatusCode);

        Assert.Equal(5, Monitor.AlertRules.Single(r => r.Name == "always").Threshold);
    }

    [Theory]
    [InlineData("""{"decision":{"min_signal_probability":0.6},"decision":{"min_regime_confidence":0.7}}""", "decision")]
    [InlineData("""{"monitoring":{"alert_rules":[null]}}""", "monitoring.alert_rules[0]")]
    public async Task A_key_given_twice_or_a_null_alert_rule_is_a_400_naming_the_key(string body, string key)
    {
        var response = await PutConfigAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![key]);
        Assert.False(File.Exists(RuntimeConfigPath));
    }

    [Fact]
    public void A_persisted_document_with_a_key_given_twice_stops_start_up_naming_the_key_and_the_file()
    {
        File.WriteAllText(RuntimeConfigPath, """{"decision":{"min_signal_probability":0.6},"decision":{"min_regime_confidence":0.7}}""");
        using var restarted = new AdminApiFactory(_state.Path, Key);

        var error = Assert.ThrowsAny<Exception>(() => restarted.CreateClient());

        var invalid = Assert.IsType<InvalidConfigException>(error.GetBaseException());
        Assert.Contains(invalid.Errors, e => e.Key == "decision" && e.Message.Contains(RuntimeConfigPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_config_change_records_the_documents_before_and_after_in_a_verifiable_chain()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync("""{"decision":{"min_signal_probability":0.7}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync("""{"decision":{"min_signal_probability":0.8}}""")).StatusCode);

        var records = File.ReadAllLines(ChangeLogPath).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal([1L, 2L], records.Select(r => r["sequence"]!.GetValue<long>()));
        Assert.Equal(records[0]["hash"]!.GetValue<string>(), records[1]["prev_hash"]!.GetValue<string>());
        Assert.Equal(0.7, records[0]["after"]!["decision"]!["min_signal_probability"]!.GetValue<double>());
        Assert.Equal(0.7, records[1]["before"]!["decision"]!["min_signal_probability"]!.GetValue<double>());
        Assert.Equal("config.update", records[1]["action"]!.GetValue<string>());
        Assert.True(AuditChainVerifier.VerifyChangeLog(ChangeLogPath).IsIntact);
    }

    [Fact]
    public async Task The_persisted_document_and_the_change_log_are_utf8_without_a_byte_order_mark()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutConfigAsync("""{"decision":{"min_signal_probability":0.9}}""")).StatusCode);

        Assert.Equal((byte)'{', File.ReadAllBytes(RuntimeConfigPath)[0]);
        Assert.Equal((byte)'{', File.ReadAllBytes(ChangeLogPath)[0]);
    }

    [Fact]
    public async Task Without_a_configured_key_the_change_log_says_loopback_even_when_a_key_header_is_sent()
    {
        using var state = new TempDirectory();
        using var factory = new AdminApiFactory(state.Path);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/config")
        {
            Content = new StringContent("""{"decision":{"min_signal_probability":0.9}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", "anything");
        request.Headers.Add(AdminApiFactory.RemoteIpHeader, "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);

        var change = JsonNode.Parse(File.ReadAllLines(Path.Combine(state.Path, "config_changes.jsonl")).Single())!;
        Assert.Equal("loopback", change["changed_by"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", change["remote_address"]!.GetValue<string>());
    }
}
