using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Readiness in RabbitMQ mode (<c>/health/ready</c>): the worker's consumer connection is open and every
/// shard queue exists and has a consumer. The broker counts consumers per queue, not per worker, so with
/// several workers a shard consumed by another one counts too. The last result shows in <c>GET /status</c>.
/// </summary>
internal sealed class RabbitMqReadinessCheck(RabbitMqConnections connections, IOptions<BusOptions> options, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private volatile ReadinessResult? _last;

    public ReadinessResult? Last => _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        _last = new ReadinessResult(result.Status.ToString(), result.Description ?? string.Empty, time.GetUtcNow());
        return result;
    }

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            // The consumer holds the connection gate while it is still connecting: then this waits out the timeout.
            var connection = await connections.ConsumerAsync(timeout.Token).ConfigureAwait(false);
            if (!connection.IsOpen)
            {
                return HealthCheckResult.Unhealthy("the consumer connection to the broker is closed (recovering)");
            }

            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var idle = new List<string>();
            var shardCount = options.Value.RabbitMq.ShardCount;
            for (var shard = 0; shard < shardCount; shard++)
            {
                var queue = BusTopology.ShardQueue(shard);
                var declared = await channel.QueueDeclarePassiveAsync(queue, timeout.Token).ConfigureAwait(false);
                if (declared.ConsumerCount == 0)
                {
                    idle.Add(queue);
                }
            }

            return idle.Count == 0
                ? HealthCheckResult.Healthy($"connected; all {shardCount} shard queues have a consumer")
                : HealthCheckResult.Unhealthy("connected; no consumer yet on " + string.Join(", ", idle));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no answer from the broker within {Timeout.TotalSeconds:0} s (not connected yet?)");
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or BrokerUnreachableException or IOException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("broker: " + ex.Message, ex);
        }
    }
}
