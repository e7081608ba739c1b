using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Shadow;

/// <summary>The worker host on a real RabbitMQ node with a shadow signal filter: plain AMQP subscribers of both decision exchanges.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class ShadowBrokerTests(RabbitMqNode node)
{
    private const string Key = "shadow-broker-key";
    private static readonly DateTime Start = new(2025, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Shadow_decisions_are_published_to_the_shadow_exchange_and_never_to_the_decision_exchange()
    {
        using var state = new TempDirectory();
        await using var decisions = await DecisionSubscriber.StartAsync(node);
        await using var shadows = await DecisionSubscriber.StartAsync(node, MessageExchanges.ShadowDecision);
        using var factory = new AdminApiFactory(state.Path, Key, new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Uri"] = node.Uri,
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        await RegisterStumpAsync(client, state.Path, "v2.0.0", 0.505);
        await RegisterStumpAsync(client, state.Path, "v2.1.0", 0.605);
        await PutConfigAsync(client, """{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"v2.0.0","shadow_signal_filter_version":"v2.1.0"}}""");
        var shadowHash = (await client.GetFromJsonAsync<JsonObject>("/models/shadow"))!["shadow_config_hash"]!.GetValue<string>();

        await using (var publisher = await InputPublisher.StartAsync(node))
        {
            for (var i = 0; i < 20; i++)
            {
                var features = SampleBar.Features();
                features["hurst_exponent"] = 0.45 + (0.01 * i);
                await publisher.FeaturesAsync(new FeatureSnapshot { Symbol = "SHB", Timeframe = "1H", BarTime = Start.AddHours(i), Features = features });
                await publisher.QseAsync(SampleBar.Qse("SHB", "1H") with { BarTime = Start.AddHours(i) });
            }
        }

        var ids = Enumerable.Range(0, 20).Select(i => DecisionIds.For("SHB", "1H", Start.AddHours(i))).ToHashSet();
        var shadowed = await shadows.WaitForAsync("SHB", ids, TimeSpan.FromSeconds(60));
        var live = await decisions.WaitForAsync("SHB", ids, TimeSpan.FromSeconds(60));

        Assert.True(ids.SetEquals(shadowed.Select(d => d.DecisionId)));
        Assert.All(shadowed, d => Assert.Equal(shadowHash, d.ConfigHash));
        Assert.All(shadowed, d => Assert.Equal("v2.1.0", d.ModelVersions["signal_filter"]));
        Assert.True(ids.SetEquals(live.Select(d => d.DecisionId)));
        Assert.All(live, d => Assert.NotEqual(shadowHash, d.ConfigHash));
        Assert.All(live, d => Assert.Equal("v2.0.0", d.ModelVersions["signal_filter"]));
        Assert.All(shadows.ContentTypes, t => Assert.Equal("application/json", t));

        // Bars with hurst_exponent in [0.505, 0.605) are allowed live and suppressed by the shadow.
        var liveById = live.ToDictionary(d => d.DecisionId);
        Assert.Equal(10, shadowed.Count(s => s.AllowTrade != liveById[s.DecisionId].AllowTrade));
    }

    private static async Task RegisterStumpAsync(HttpClient client, string state, string version, double threshold)
    {
        var incoming = Path.Combine(state, "incoming");
        Directory.CreateDirectory(incoming);
        var file = $"stump_{version}.json";
        await File.WriteAllBytesAsync(Path.Combine(incoming, file), XgboostStump.Model("hurst_exponent", (float)threshold, -1.5f, 1.5f));
        var response = await client.PostAsync("/models/register", new StringContent(new JsonObject
        {
            ["model_name"] = "signal_filter",
            ["version"] = version,
            ["model_path"] = file,
            ["metadata"] = new JsonObject { ["features"] = 16 },
        }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task PutConfigAsync(HttpClient client, string body)
    {
        var response = await client.PutAsync("/config", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
