namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus:RabbitMq</c> section.</summary>
public sealed record RabbitMqBusOptions
{
    /// <summary><c>amqp://user:pass@host:port/vhost</c>.</summary>
    public string Uri { get; init; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>
    /// Number of shard queues behind the consistent-hash exchange. Every worker consumes every shard as a
    /// single active consumer, so both halves of a bar always reach the same worker. Must equal the
    /// shard queues declared in <c>rabbitmq/definitions.json</c>.
    /// </summary>
    public int ShardCount { get; init; } = 4;

    /// <summary>
    /// Comma-separated shard numbers this worker subscribes to first, e.g. <c>0,1</c>; empty means all. The
    /// other shards are subscribed after <see cref="StandbyDelay"/>, so with complementary lists two workers
    /// each become the active consumer of their own shards and the standby of the others'. RabbitMQ 3.10 makes
    /// the first subscriber of a single-active-consumer queue the active one and never rebalances.
    /// </summary>
    public string PreferredShards { get; init; } = string.Empty;

    public TimeSpan StandbyDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to open the first connection while the broker is not up yet.</summary>
    public TimeSpan ConnectRetryInterval { get; init; } = TimeSpan.FromSeconds(2);

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
