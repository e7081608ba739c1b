using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// One auto-recovering connection for consuming and one for publishing (RabbitMQ throttles publishers per
/// connection; consumers must not be slowed by that). Recovery re-declares the topology and re-subscribes.
/// </summary>
internal sealed partial class RabbitMqConnections(IOptions<BusOptions> options, ILogger<RabbitMqConnections> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IConnection> _connections = new(StringComparer.Ordinal);

    public Task<IConnection> ConsumerAsync(CancellationToken cancellationToken) => GetAsync("consume", cancellationToken);

    public Task<IConnection> PublisherAsync(CancellationToken cancellationToken) => GetAsync("publish", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections.Values)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationInterruptedException or IOException or AlreadyClosedException or TimeoutException)
            {
                Log.CloseFailed(logger, ex);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
        _gate.Dispose();
    }

    private async Task<IConnection> GetAsync(string purpose, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connections.TryGetValue(purpose, out var existing))
            {
                return existing;
            }

            var bus = options.Value.RabbitMq;
            var factory = new ConnectionFactory
            {
                Uri = new Uri(bus.Uri),
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
                RequestedHeartbeat = TimeSpan.FromSeconds(10),
                ClientProvidedName = $"arbitrex-ml-worker:{Environment.ProcessId}:{purpose}",
            };
            while (true)
            {
                try
                {
                    var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                    _connections[purpose] = connection;
                    Log.Connected(logger, purpose, connection.Endpoint.HostName, connection.Endpoint.Port);
                    return connection;
                }
                catch (BrokerUnreachableException ex)
                {
                    Log.Unreachable(logger, ex, purpose, bus.ConnectRetryInterval.TotalSeconds);
                    await Task.Delay(bus.ConnectRetryInterval, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "RabbitMQ {Purpose} connection open to {Host}:{Port}")]
        public static partial void Connected(ILogger logger, string purpose, string host, int port);

        [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "RabbitMQ unreachable for the {Purpose} connection; retrying in {Seconds} s")]
        public static partial void Unreachable(ILogger logger, Exception exception, string purpose, double seconds);

        [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Closing a RabbitMQ connection failed")]
        public static partial void CloseFailed(ILogger logger, Exception exception);
    }
}
