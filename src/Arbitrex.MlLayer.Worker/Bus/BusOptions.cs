namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The <c>Bus</c> configuration section: transport, broker, join and retry settings.</summary>
/// <remarks>
/// This record and the ones it holds have settable properties: the configuration binding generator silently skips
/// init-only ones.
/// </remarks>
public sealed record BusOptions
{
    public const string SectionName = "Bus";

    /// <summary><c>RabbitMq</c> (deployment) or <c>InMemory</c> (embedded demo with a sample feed).</summary>
    public BusTransport Transport { get; set; } = BusTransport.RabbitMq;

    /// <summary>
    /// Deliveries held at once per shard queue (RabbitMQ QoS) or in the in-memory bus. A half waiting
    /// for its partner keeps its delivery unacknowledged, so this bounds how far apart (in messages)
    /// the two halves of a bar may be on the same shard.
    /// </summary>
    public int PrefetchCount { get; set; } = 512;

    public RabbitMqBusOptions RabbitMq { get; set; } = new();

    public JoinOptions Join { get; set; } = new();

    public RetryOptions Retry { get; set; } = new();

    public OutcomeOptions Outcomes { get; set; } = new();

    public SampleFeedOptions SampleFeed { get; set; } = new();
}
