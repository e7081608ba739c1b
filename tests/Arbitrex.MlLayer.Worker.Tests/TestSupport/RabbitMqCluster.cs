using System.Globalization;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// Three private <c>rabbitmq-server</c> nodes (distinct names, ports and data folders, one Erlang cookie)
/// clustered with <c>rabbitmqctl join_cluster</c>. They start empty: the worker declares its quorum queues
/// on the formed cluster, so every queue gets a member on every node.
/// </summary>
public sealed class RabbitMqCluster : IAsyncLifetime
{
    /// <summary>One HOME, so one Erlang cookie, for all nodes when not running as root.</summary>
    private readonly string _erlangHome = Path.Combine(Path.GetTempPath(), "arbitrex-tests", "cluster-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<RabbitMqNode> Nodes { get; private set; } = [];

    /// <summary><c>127.0.0.1:port</c> of every node, for <c>Bus:RabbitMq:Endpoints</c>.</summary>
    public string Endpoints => string.Join(',', Nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{n.AmqpPort}")));

    /// <summary>Credentials and vhost (the host is the first node's).</summary>
    public string Uri => Nodes[0].Uri;

    public async Task InitializeAsync()
    {
        Nodes = [.. Enumerable.Range(0, 3).Select(_ => new RabbitMqNode { LoadDefinitions = false, ErlangHome = _erlangHome })];
        Directory.CreateDirectory(_erlangHome);
        await Task.WhenAll(Nodes.Select(n => n.InitializeAsync()));
        foreach (var node in Nodes.Skip(1))
        {
            await node.ControlAsync("stop_app");
            await node.ControlAsync("reset");
            await node.ControlAsync("join_cluster", Nodes[0].NodeName);
            await node.ControlAsync("start_app");
        }

        await Nodes[0].ControlAsync("await_startup");
        var status = await Nodes[0].ControlAsync("cluster_status", "--formatter", "json");
        Assert.All(Nodes, n => Assert.Contains(n.NodeName, status, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (Directory.Exists(_erlangHome))
        {
            Directory.Delete(_erlangHome, recursive: true);
        }
    }

    /// <summary>The node holding the leader of <paramref name="queue"/>, asked of a node other than <paramref name="askNot"/>.</summary>
    public async Task<RabbitMqNode> LeaderOfAsync(string queue, RabbitMqNode? askNot = null)
    {
        var asked = Nodes.First(n => n != askNot);
        var listing = await asked.ControlAsync("list_queues", "-q", "--no-table-headers", "name", "leader");
        var leader = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 2 && fields[0] == queue)
            .Select(fields => fields[1])
            .SingleOrDefault() ?? throw new InvalidOperationException($"{queue} not listed:\n{listing}");
        return Nodes.Single(n => n.NodeName == leader);
    }

    /// <summary>A plain client connection to one node, without automatic recovery.</summary>
    public static async Task<IConnection> ConnectAsync(RabbitMqNode node) => await node.ConnectAsync(automaticRecovery: false);
}
