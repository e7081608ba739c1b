using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// The broker nodes in the configured order, starting after the node last lost: a connection tries the first
/// node first, and after losing a node it does not wait on that node's connect timeout before the others.
/// </summary>
internal sealed class FailoverEndpoints(IReadOnlyList<AmqpTcpEndpoint> endpoints) : IEndpointResolver
{
    private int _start;

    public IReadOnlyList<AmqpTcpEndpoint> Endpoints { get; } = endpoints.Count > 0 ? endpoints : throw new ArgumentException("No broker endpoint.", nameof(endpoints));

    public IEnumerable<AmqpTcpEndpoint> All()
    {
        var start = Volatile.Read(ref _start);
        for (var i = 0; i < Endpoints.Count; i++)
        {
            yield return Endpoints[(start + i) % Endpoints.Count];
        }
    }

    /// <summary>Tries <paramref name="lost"/> last from now on.</summary>
    public void MarkLost(AmqpTcpEndpoint lost)
    {
        for (var i = 0; i < Endpoints.Count; i++)
        {
            if (string.Equals(Endpoints[i].HostName, lost.HostName, StringComparison.OrdinalIgnoreCase) && Endpoints[i].Port == lost.Port)
            {
                Volatile.Write(ref _start, (i + 1) % Endpoints.Count);
                return;
            }
        }
    }

    public override string ToString() => string.Join(", ", Endpoints.Select(e => $"{e.HostName}:{e.Port}"));
}
