using System.Net;

namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:RabbitMq</c> section.</summary>
public sealed record RabbitMqBusOptions
{
    /// <summary>
    /// <c>amqp://user:pass@host:port/vhost</c>. With <see cref="Endpoints"/> set, only its credentials, virtual
    /// host and scheme (<c>amqps</c> for TLS) are used.
    /// </summary>
    public string Uri { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>
    /// Comma-separated broker nodes, <c>host:port</c> (port optional), e.g. <c>rabbit1:5672,rabbit2:5672</c>.
    /// The worker connects to the first that answers, in this order, and after losing a node reconnects to
    /// another one. Empty means the host of <see cref="Uri"/>.
    /// </summary>
    public string Endpoints { get; set; } = string.Empty;

    /// <summary>
    /// Type of the shard queues. Quorum queues are replicated and survive the loss of a node; a queue that
    /// already exists with the other type is refused by the broker, and the worker then does not start.
    /// </summary>
    public ShardQueueType QueueType { get; set; } = ShardQueueType.Quorum;

    /// <summary>
    /// Number of shard queues behind the consistent-hash exchange. Every worker consumes every shard as a
    /// single active consumer, so both halves of a bar always reach the same worker. Must equal the
    /// shard queues declared in <c>rabbitmq/definitions.json</c>.
    /// </summary>
    public int ShardCount { get; set; } = 4;

    /// <summary>
    /// Comma-separated shard numbers this worker subscribes to first, e.g. <c>0,1</c>; empty means all. The
    /// other shards are subscribed after <see cref="StandbyDelay"/>, so with complementary lists two workers
    /// each become the active consumer of their own shards and the standby of the others'. RabbitMQ 3.10 makes
    /// the first subscriber of a single-active-consumer queue the active one and never rebalances.
    /// </summary>
    public string PreferredShards { get; set; } = string.Empty;

    public TimeSpan StandbyDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to open the first connection while the broker is not up yet.</summary>
    public TimeSpan ConnectRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the worker tries to reach a broker at start-up before it exits with the reason; wrong
    /// credentials and a broker lacking the consistent-hash plugin end the start at once.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The broker nodes to connect to: <see cref="Endpoints"/> parsed, else the host of <see cref="Uri"/>; null when malformed.</summary>
    public IReadOnlyList<DnsEndPoint>? ParseEndpoints()
    {
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var defaultPort = uri.Scheme == "amqps" ? 5671 : 5672;
        if (string.IsNullOrWhiteSpace(Endpoints))
        {
            return [new DnsEndPoint(uri.IdnHost, uri.Port > 0 ? uri.Port : defaultPort)];
        }

        var endpoints = new List<DnsEndPoint>();
        foreach (var part in Endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Parsed as the authority of a URI, so "[::1]:5672" and a host without a port work too.
            if (!System.Uri.TryCreate("amqp://" + part, UriKind.Absolute, out var endpoint)
                || endpoint.IdnHost.Length == 0
                || endpoint.PathAndQuery != "/"
                || endpoint.UserInfo.Length != 0)
            {
                return null;
            }

            endpoints.Add(new DnsEndPoint(endpoint.IdnHost, endpoint.Port > 0 ? endpoint.Port : defaultPort));
        }

        return endpoints.Count == 0 ? null : endpoints;
    }

    /// <summary>The preferred shards parsed; null when the list is malformed.</summary>
    public IReadOnlyList<int>? ParsePreferredShards()
    {
        var shards = new List<int>();
        foreach (var part in PreferredShards.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var shard) || shard >= ShardCount)
            {
                return null;
            }

            shards.Add(shard);
        }

        return shards;
    }
}
