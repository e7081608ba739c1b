using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Admin;

/// <summary><c>/health/ready</c> and the bus component of <c>/status</c> in RabbitMQ mode, against a real broker.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class BusReadinessTests(RabbitMqNode node) : IDisposable
{
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private AdminApiFactory Worker(string uri, string? preferredShards = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Uri"] = uri,
        };
        if (preferredShards is not null)
        {
            settings["Bus:RabbitMq:PreferredShards"] = preferredShards;
            settings["Bus:RabbitMq:StandbyDelay"] = "00:10:00";
        }

        return new AdminApiFactory(_state.Path, settings: settings);
    }

    [Fact]
    public async Task Connected_and_consuming_every_shard_the_worker_is_ready()
    {
        using var factory = Worker(node.Uri);
        using var client = factory.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode code;
        while ((code = (await client.GetAsync("/health/ready")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var bus = (await client.GetFromJsonAsync<JsonObject>("/status"))!["components"]!["bus"]!;
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Healthy", bus["readiness"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("guest", bus["broker"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connected_but_not_consuming_every_shard_the_worker_is_not_ready_and_status_names_the_idle_queue()
    {
        // Shard 0 at once, the others only after a standby delay longer than the test.
        using var factory = Worker(node.Uri, preferredShards: "0");
        using var client = factory.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode readiness;
        do
        {
            await client.GetAsync("/health/ready");
            readiness = (await client.GetFromJsonAsync<JsonObject>("/status"))!["components"]!["bus"]!["readiness"]!;
        }
        // Shard 0's own subscription may land a moment after the connection: wait for it too.
        while (!(readiness["description"]!.GetValue<string>().StartsWith("connected;", StringComparison.Ordinal)
                 && !readiness["description"]!.GetValue<string>().Contains(BusTopology.ShardQueue(0), StringComparison.Ordinal))
               && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains(BusTopology.ShardQueue(1), readiness["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(BusTopology.ShardQueue(0), readiness["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
