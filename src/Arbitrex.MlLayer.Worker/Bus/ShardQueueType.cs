namespace Arbitrex.MlLayer.Worker.Bus;

/// <summary>The RabbitMQ queue type of the shard queues (<c>x-queue-type</c>).</summary>
public enum ShardQueueType
{
    /// <summary>Replicated over the cluster's nodes (Raft); survives the loss of a minority of nodes.</summary>
    Quorum,

    /// <summary>Lives on one node; gone while that node is down.</summary>
    Classic,
}
