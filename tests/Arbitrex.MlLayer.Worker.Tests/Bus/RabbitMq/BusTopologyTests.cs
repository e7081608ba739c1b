using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The broker topology is the same in code, in <c>rabbitmq/definitions.json</c>, on a fresh node and in docker-compose.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class BusTopologyTests(RabbitMqNode node)
{
    private static readonly string[] InputExchanges = [MessageExchanges.FeatureSnapshot, MessageExchanges.QseOutput];

    /// <summary>The exchanges bound to the consistent-hash exchange: the bars' halves and the outcomes that follow them.</summary>
    private static readonly string[] ShardedExchanges = [.. InputExchanges, MessageExchanges.Outcome];

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
            .ToDictionary(
                q => q.GetProperty("name").GetString()!,
                q => (q.GetProperty("arguments").TryGetProperty(BusTopology.SingleActiveConsumerArgument, out var sac) && sac.GetBoolean(),
                    q.GetProperty("arguments").TryGetProperty(BusTopology.QueueTypeArgument, out var type) ? type.GetString() : "classic"));
        var bindings = root.GetProperty("bindings").EnumerateArray()
            .Select(b => (b.GetProperty("source").GetString(), b.GetProperty("destination").GetString(), b.GetProperty("routing_key").GetString()))
            .ToHashSet();

        Assert.Equal(
            [(MessageExchanges.FeatureSnapshot, "topic", true), (MessageExchanges.QseOutput, "topic", true), (MessageExchanges.Decision, "topic", true), (MessageExchanges.Outcome, "topic", true), (MessageExchanges.ShadowDecision, "topic", true), (BusTopology.WorkerExchange, BusTopology.ConsistentHashExchangeType, true)],
            exchanges.ToArray());
        var expectedQueues = Enumerable.Range(0, shards).ToDictionary(BusTopology.ShardQueue, _ => (true, (string?)"quorum"));
        expectedQueues[BusTopology.ErrorQueue] = (false, "quorum");
        Assert.Equal(expectedQueues.OrderBy(q => q.Key), queues.OrderBy(q => q.Key));
        var expectedBindings = ShardedExchanges.Select(e => ((string?)e, (string?)BusTopology.WorkerExchange, (string?)"#"))
            .Concat(Enumerable.Range(0, shards).Select(s => ((string?)BusTopology.WorkerExchange, (string?)BusTopology.ShardQueue(s), (string?)"1")))
            .ToHashSet();
        Assert.True(expectedBindings.SetEquals(bindings));
    }

    [Fact]
    public async Task A_fresh_node_started_from_the_repository_files_already_has_the_topology()
    {
        await using var connection = await node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();

        foreach (var exchange in ShardedExchanges.Append(MessageExchanges.Decision).Append(MessageExchanges.ShadowDecision).Append(BusTopology.WorkerExchange))
        {
            await channel.ExchangeDeclarePassiveAsync(exchange);
        }

        await channel.QueueDeclarePassiveAsync(BusTopology.ErrorQueue);
        await channel.QueueDeclarePassiveAsync(BusTopology.ShardQueue(0));
        await BusTopology.DeclareAsync(channel, new BusOptions().RabbitMq, CancellationToken.None);
        Assert.True(channel.IsOpen);
    }

    [Fact]
    public void The_shard_queues_are_quorum_queues_by_default_with_a_single_active_consumer()
    {
        Assert.Equal(ShardQueueType.Quorum, new BusOptions().RabbitMq.QueueType);
        Assert.Equal("quorum", BusTopology.ShardQueueArguments(ShardQueueType.Quorum)[BusTopology.QueueTypeArgument]);
        Assert.Equal(true, BusTopology.ShardQueueArguments(ShardQueueType.Quorum)[BusTopology.SingleActiveConsumerArgument]);
    }

    [Fact]
    public void Classic_queues_are_declared_as_before_the_setting_so_existing_classic_queues_still_match()
    {
        Assert.Equal([BusTopology.SingleActiveConsumerArgument], BusTopology.ShardQueueArguments(ShardQueueType.Classic).Keys);
        Assert.Empty(BusTopology.ErrorQueueArguments(ShardQueueType.Classic));
    }

    [Fact]
    public async Task Classic_queues_stay_selectable_and_single_active_consumer_holds_on_quorum_queues()
    {
        await using var connection = await node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var classic = "arbitrex.tests.classic." + Guid.NewGuid().ToString("N");
        await channel.QueueDeclareAsync(classic, durable: true, exclusive: false, autoDelete: true, arguments: BusTopology.ShardQueueArguments(ShardQueueType.Classic));

        // A second consumer of a single-active-consumer quorum queue is accepted and waits; the queue reports one of them active.
        var quorum = BusTopology.ShardQueue(0);
        await channel.QueueDeclareAsync(quorum, durable: true, exclusive: false, autoDelete: false, arguments: BusTopology.ShardQueueArguments(ShardQueueType.Quorum));
        await using var second = await connection.CreateChannelAsync();
        var first = await channel.BasicConsumeAsync(quorum, autoAck: false, new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel));
        var standby = await second.BasicConsumeAsync(quorum, autoAck: false, new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(second));
        var listing = await node.ControlAsync("list_consumers", "-q", "--no-table-headers", "queue_name", "active");
        await channel.BasicCancelAsync(first);
        await second.BasicCancelAsync(standby);
        await channel.QueueDeleteAsync(classic);

        var states = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith(quorum + "\t", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, states.Count);
        Assert.Single(states, l => l.EndsWith("true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_compose_cluster_profile_is_valid_and_runs_three_clustered_nodes_and_a_worker_that_knows_them_all()
    {
        using var compose = ChildProcess.Start("docker-compose", "-f", Repo("docker-compose.yml"), "--profile", "cluster", "config");

        Assert.True(await compose.WaitForExitAsync(TimeSpan.FromSeconds(60)) == 0, compose.StandardError);
        var config = compose.StandardOutput;
        foreach (var node in new[] { "rabbitmq-1", "rabbitmq-2", "rabbitmq-3" })
        {
            Assert.Contains($"  {node}:\n", config, StringComparison.Ordinal);
            Assert.Contains($"hostname: {node}", config, StringComparison.Ordinal);
            Assert.Contains($"cluster_formation.classic_config.nodes.{node[^1]} = rabbit@{node}", File.ReadAllText(Repo("rabbitmq", "cluster", "rabbitmq.conf")), StringComparison.Ordinal);
        }

        Assert.Equal(3, config.Split("RABBITMQ_ERLANG_COOKIE: arbitrex-ml-cluster-cookie").Length - 1);
        Assert.Equal(3, config.Split("image: rabbitmq:3-management\n").Length - 1);
        Assert.Contains($"{Repo("rabbitmq", "cluster", "rabbitmq.conf")}:/etc/rabbitmq/rabbitmq.conf:ro", config, StringComparison.Ordinal);
        Assert.Contains("Bus__RabbitMq__Endpoints: rabbitmq-1:5672,rabbitmq-2:5672,rabbitmq-3:5672", config, StringComparison.Ordinal);
        Assert.Contains("Bus__RabbitMq__QueueType: quorum", config, StringComparison.Ordinal);
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
