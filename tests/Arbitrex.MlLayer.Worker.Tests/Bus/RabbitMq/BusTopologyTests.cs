using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The broker topology is the same in code, in <c>rabbitmq/definitions.json</c>, on a fresh node and in docker-compose.</summary>
[Collection(RabbitMqNodeGroup.Name)]
public sealed class BusTopologyTests(RabbitMqNode node)
{
    private static readonly string[] InputExchanges = [MessageExchanges.FeatureSnapshot, MessageExchanges.QseOutput];

    private static string Repo(params string[] parts) => Path.Combine([RepoPaths.Root, .. parts]);

    [Fact]
    public void Definitions_declare_exactly_the_exchanges_queues_and_bindings_the_worker_declares()
    {
        using var definitions = JsonDocument.Parse(File.ReadAllText(Repo("rabbitmq", "definitions.json")));
        var root = definitions.RootElement;
        var shards = new BusOptions().RabbitMq.ShardCount;

        var exchanges = root.GetProperty("exchanges").EnumerateArray()
            .Select(e => (e.GetProperty("name").GetString(), e.GetProperty("type").GetString(), e.GetProperty("durable").GetBoolean()))
            .ToHashSet();
        var queues = root.GetProperty("queues").EnumerateArray()
            .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("arguments").TryGetProperty("x-single-active-consumer", out var sac) && sac.GetBoolean());
        var bindings = root.GetProperty("bindings").EnumerateArray()
            .Select(b => (b.GetProperty("source").GetString(), b.GetProperty("destination").GetString(), b.GetProperty("routing_key").GetString()))
            .ToHashSet();

        Assert.Equal(
            [(MessageExchanges.FeatureSnapshot, "topic", true), (MessageExchanges.QseOutput, "topic", true), (MessageExchanges.Decision, "topic", true), (BusTopology.WorkerExchange, BusTopology.ConsistentHashExchangeType, true)],
            exchanges.ToArray());
        var expectedQueues = Enumerable.Range(0, shards).ToDictionary(BusTopology.ShardQueue, _ => true);
        expectedQueues[BusTopology.ErrorQueue] = false;
        Assert.Equal(expectedQueues.OrderBy(q => q.Key), queues.OrderBy(q => q.Key));
        var expectedBindings = InputExchanges.Select(e => ((string?)e, (string?)BusTopology.WorkerExchange, (string?)"#"))
            .Concat(Enumerable.Range(0, shards).Select(s => ((string?)BusTopology.WorkerExchange, (string?)BusTopology.ShardQueue(s), (string?)"1")))
            .ToHashSet();
        Assert.True(expectedBindings.SetEquals(bindings));
    }

    [Fact]
    public async Task A_fresh_node_started_from_the_repository_files_already_has_the_topology()
    {
        await using var connection = await node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();

        foreach (var exchange in InputExchanges.Append(MessageExchanges.Decision).Append(BusTopology.WorkerExchange))
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
        }

        await channel.QueueDeclarePassiveAsync(BusTopology.ErrorQueue);
        await channel.QueueDeclarePassiveAsync(BusTopology.ShardQueue(0));
        await BusTopology.DeclareAsync(channel, new BusOptions().RabbitMq, CancellationToken.None);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public async Task The_compose_file_is_valid_and_mounts_the_broker_files_the_tests_use()
    {
        using var compose = ChildProcess.Start("docker-compose", "-f", Repo("docker-compose.yml"), "config");

        Assert.Equal(0, await compose.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var config = compose.StandardOutput;
        foreach (var file in new[] { "rabbitmq.conf", "enabled_plugins", "definitions.json" })
        {
            Assert.Contains($"{Repo("rabbitmq", file)}:/etc/rabbitmq/{file}:ro", config, StringComparison.Ordinal);
        }

        Assert.Contains($"{Repo("deploy", "prometheus")}:/etc/prometheus:ro", config, StringComparison.Ordinal);
        Assert.Contains($"{Repo("deploy", "grafana", "provisioning")}:/etc/grafana/provisioning:ro", config, StringComparison.Ordinal);
        Assert.Contains("Bus__RabbitMq__Uri: amqp://guest:guest@rabbitmq:5672/", config, StringComparison.Ordinal);
        Assert.Contains("dockerfile: src/Arbitrex.MlLayer.Worker/Dockerfile", config, StringComparison.Ordinal);
        Assert.True(File.Exists(Repo("src", "Arbitrex.MlLayer.Worker", "Dockerfile")));
    }
}
