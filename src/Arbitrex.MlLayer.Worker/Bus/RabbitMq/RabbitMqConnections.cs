using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// One auto-recovering connection for consuming and one for publishing (RabbitMQ throttles publishers per
/// connection; consumers must not be slowed by that), each to the first answering node of
/// <c>Bus:RabbitMq:Endpoints</c>. After a node is lost, recovery reconnects to another node, re-declares the
/// topology and re-subscribes; with quorum shard queues the queues and their messages live on.
/// </summary>
internal sealed partial class RabbitMqConnections(IOptions<BusOptions> options, ILogger<RabbitMqConnections> logger) : IAsyncDisposable
{
    /// <summary>Bounds a connect attempt to a node that does not answer, so the next node is tried soon.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IConnection> _connections = new(StringComparer.Ordinal);

    public Task<IConnection> ConsumerAsync(CancellationToken cancellationToken) => GetAsync("consume", cancellationToken);

    public Task<IConnection> PublisherAsync(CancellationToken cancellationToken) => GetAsync("publish", cancellationToken);

    /// <summary>The configured broker nodes, with the TLS setting and server name of <c>Bus:RabbitMq:Uri</c>.</summary>
    public static FailoverEndpoints Endpoints(RabbitMqBusOptions bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var tls = new Uri(bus.Uri).Scheme == "amqps";
        var endpoints = bus.ParseEndpoints() ?? throw new InvalidOperationException("Bus:RabbitMq:Endpoints is malformed.");
        return new FailoverEndpoints([.. endpoints.Select(e => new AmqpTcpEndpoint(e.Host, e.Port, new SslOption(e.Host, enabled: tls)))]);
    }

    /// <summary>A factory with the credentials and virtual host of <c>Bus:RabbitMq:Uri</c>.</summary>
    public static ConnectionFactory Factory(RabbitMqBusOptions bus, string purpose, bool recover)
    {
        ArgumentNullException.ThrowIfNull(bus);
        return new ConnectionFactory
        {
            Uri = new Uri(bus.Uri),
            AutomaticRecoveryEnabled = recover,
            TopologyRecoveryEnabled = recover,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
            RequestedConnectionTimeout = ConnectTimeout,
            ClientProvidedName = $"arbitrex-ml-worker:{Environment.ProcessId}:{purpose}",
        };
    }

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
            var factory = Factory(bus, purpose, recover: true);
            var endpoints = Endpoints(bus);
            var where = endpoints.ToString();
            var untilConnected = BusResilience.UntilCancelled(
                bus.ConnectRetryInterval,
                static ex => ex is BrokerUnreachableException,
                (ex, delay) => Log.Unreachable(logger, purpose, where, delay.TotalSeconds, BrokerFailure.Describe(ex)));
            var connection = await untilConnected.ExecuteAsync(
                static async (state, ct) => await state.factory.CreateConnectionAsync(state.endpoints, state.factory.ClientProvidedName, ct).ConfigureAwait(false),
                (factory, endpoints),
                cancellationToken).ConfigureAwait(false);
            Watch(connection, purpose, endpoints, where);
            _connections[purpose] = connection;
            Log.Connected(logger, purpose, connection.Endpoint.HostName, connection.Endpoint.Port);
            return connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs a node loss, each failed reconnect attempt (first at Warning, then Debug) and the recovery.</summary>
    private void Watch(IConnection connection, string purpose, FailoverEndpoints endpoints, string where)
    {
        var failedAttempts = 0;
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
            {
                var lost = connection.Endpoint;
                endpoints.MarkLost(lost);
                Interlocked.Exchange(ref failedAttempts, 0);
                Log.Lost(logger, purpose, lost.HostName, lost.Port, e.ReplyText, where);
            }

            return Task.CompletedTask;
        };
        connection.ConnectionRecoveryErrorAsync += (_, e) =>
        {
            var reason = BrokerFailure.Describe(e.Exception);
            if (Interlocked.Increment(ref failedAttempts) == 1)
            {
                Log.RecoveryFailing(logger, purpose, reason);
            }
            else
            {
                Log.RecoveryAttemptFailed(logger, purpose, reason);
            }

            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            var node = connection.Endpoint;
            var failed = Volatile.Read(ref failedAttempts);
            Log.Recovered(logger, purpose, node.HostName, node.Port, failed);
            return Task.CompletedTask;
        };
        connection.RecoveringConsumerAsync += (_, e) =>
        {
            Log.RecoveringConsumer(logger, purpose, e.ConsumerTag);
            return Task.CompletedTask;
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "RabbitMQ {Purpose} connection open to {Host}:{Port}")]
        public static partial void Connected(ILogger logger, string purpose, string host, int port);

        [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "RabbitMQ unreachable for the {Purpose} connection ({Endpoints}); retrying in {Seconds} s: {Reason}")]
        public static partial void Unreachable(ILogger logger, string purpose, string endpoints, double seconds, string reason);

        [LoggerMessage(EventId = 4203, Level = LogLevel.Debug, Message = "Closing a RabbitMQ connection failed")]
        public static partial void CloseFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "RabbitMQ {Purpose} connection to {Host}:{Port} lost ({Reason}); reconnecting to one of {Endpoints}")]
        public static partial void Lost(ILogger logger, string purpose, string host, int port, string reason, string endpoints);

        [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "RabbitMQ {Purpose} connection not recovered yet, retrying every second: {Reason}")]
        public static partial void RecoveryFailing(ILogger logger, string purpose, string reason);

        [LoggerMessage(EventId = 4206, Level = LogLevel.Debug, Message = "RabbitMQ {Purpose} connection recovery attempt failed: {Reason}")]
        public static partial void RecoveryAttemptFailed(ILogger logger, string purpose, string reason);

        [LoggerMessage(EventId = 4207, Level = LogLevel.Information, Message = "RabbitMQ {Purpose} connection recovered to {Host}:{Port} after {FailedAttempts} failed attempts; topology re-declared and consumers resubscribed")]
        public static partial void Recovered(ILogger logger, string purpose, string host, int port, int failedAttempts);

        [LoggerMessage(EventId = 4208, Level = LogLevel.Debug, Message = "RabbitMQ {Purpose} connection resubscribing consumer {ConsumerTag}")]
        public static partial void RecoveringConsumer(ILogger logger, string purpose, string consumerTag);
    }
}
