using Arbitrex.MlLayer.Worker.Bus;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The bus in <c>GET /status</c>: transport, broker (without credentials), shards and the last readiness probe.</summary>
internal sealed class BusStatus(IOptions<BusOptions> options, RabbitMqReadinessCheck? readiness = null) : IStatusContributor
{
    public string Name => "bus";

    public object? Describe()
    {
        var bus = options.Value;
        if (bus.Transport != BusTransport.RabbitMq)
        {
            return new Dictionary<string, object?> { ["transport"] = bus.Transport.ToString() };
        }

        var broker = Uri.TryCreate(bus.RabbitMq.Uri, UriKind.Absolute, out var uri) ? $"{uri.Host}:{uri.Port}{uri.AbsolutePath}" : null;
        return new Dictionary<string, object?>
        {
            ["transport"] = bus.Transport.ToString(),
            ["broker"] = broker,
            ["shard_count"] = bus.RabbitMq.ShardCount,
            ["readiness"] = readiness?.Last,
        };
    }
}
