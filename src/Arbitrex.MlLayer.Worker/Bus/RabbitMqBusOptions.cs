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

    /// <summary>Pause between attempts to open the first connection while the broker is not up yet.</summary>
    public TimeSpan ConnectRetryInterval { get; init; } = TimeSpan.FromSeconds(2);
}
