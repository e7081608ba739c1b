using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Bus.RabbitMq;

/// <summary>
/// Before the host starts in RabbitMQ mode: connects to the broker and declares the topology once, so that a
/// broker the worker cannot use ends the start with one line naming the cause and the fix, instead of an
/// endless reconnect loop. Wrong credentials, a missing consistent-hash plugin and a queue of the other
/// <see cref="ShardQueueType"/> fail at once; an unreachable broker after <c>Bus:RabbitMq:StartupTimeout</c>.
/// </summary>
internal sealed partial class BrokerStartupCheck(IOptions<BusOptions> options, ILogger<BrokerStartupCheck> logger, TimeProvider time)
{
    /// <summary>Exit code when no broker answered (sysexits EX_UNAVAILABLE).</summary>
    public const int ExitUnreachable = 69;

    /// <summary>Exit code when the broker refused the credentials or the virtual host (sysexits EX_NOPERM).</summary>
    public const int ExitRefused = 77;

    /// <summary>Exit code when the broker lacks a plugin or holds a queue of the other type (sysexits EX_CONFIG).</summary>
    public const int ExitMisconfigured = 78;

    private const int AccessRefused = 403;
    private const int NotAllowed = 530;
    private const int CommandInvalid = 503;
    private const int PreconditionFailed = 406;

    /// <summary>Runs the check when the worker uses RabbitMQ; returns the exit code to stop with, or null to start.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<BusOptions>>();
        if (options.Value.Transport != BusTransport.RabbitMq)
        {
            return null;
        }

        var check = new BrokerStartupCheck(options, services.GetRequiredService<ILogger<BrokerStartupCheck>>(), services.GetService<TimeProvider>() ?? TimeProvider.System);
        return await check.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns null when the broker is usable, else logs the one line and returns the exit code.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        var bus = options.Value.RabbitMq;
        var endpoints = RabbitMqConnections.Endpoints(bus);
        var factory = RabbitMqConnections.Factory(bus, "startup-check", recover: false);
        var where = endpoints.ToString();
        var lastReason = string.Empty;
        IConnection connection;
        try
        {
            connection = await UntilAnswered(bus, where, reason => lastReason = reason).ExecuteAsync(
                static async (state, ct) => await state.factory.CreateConnectionAsync(state.endpoints, state.factory.ClientProvidedName, ct).ConfigureAwait(false),
                (factory, endpoints),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnanswered(ex) && !cancellationToken.IsCancellationRequested)
        {
            if (Refused(ex, bus, where) is { } refused)
            {
                return refused;
            }

            var reason = ex is OperationCanceledException or TimeoutRejectedException ? lastReason : BrokerFailure.Describe(ex);
            Log.Unreachable(logger, where, bus.StartupTimeout.TotalSeconds, reason.Length > 0 ? reason : "no answer");
            return ExitUnreachable;
        }

        await using (connection.ConfigureAwait(false))
        {
            return await DeclareAsync(connection, bus, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsUnanswered(Exception ex) =>
        ex is BrokerUnreachableException or OperationInterruptedException or IOException or OperationCanceledException or TimeoutRejectedException;

    private static bool IsRefusal(Exception ex) =>
        BrokerFailure.IsAuthenticationFailure(ex) || BrokerFailure.Refusal(ex) is { ReplyCode: AccessRefused or NotAllowed };

    /// <summary>
    /// Connect attempts every <c>ConnectRetryInterval</c> for up to <c>StartupTimeout</c>; a broker that answers with a
    /// refusal (credentials, virtual host) is not asked again. <paramref name="failed"/> hears each failure's reason.
    /// </summary>
    private ResiliencePipeline UntilAnswered(RabbitMqBusOptions bus, string where, Action<string> failed) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(bus.StartupTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsUnanswered(ex) && !IsRefusal(ex)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = bus.ConnectRetryInterval,
                UseJitter = false,
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is OperationCanceledException or null ? string.Empty : BrokerFailure.Describe(args.Outcome.Exception);
                    if (reason.Length > 0)
                    {
                        failed(reason);
                    }

                    if (args.AttemptNumber == 0)
                    {
                        Log.Waiting(logger, where, reason.Length > 0 ? reason : "no answer", bus.StartupTimeout.TotalSeconds);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();


    private int? Refused(Exception ex, RabbitMqBusOptions bus, string where)
    {
        var uri = new Uri(bus.Uri);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        if (BrokerFailure.IsAuthenticationFailure(ex) || BrokerFailure.Refusal(ex) is { ReplyCode: AccessRefused })
        {
            var reason = BrokerFailure.Describe(ex);
            Log.CredentialsRefused(logger, where, user.Length > 0 ? user : "guest", reason);
            return ExitRefused;
        }

        if (BrokerFailure.Refusal(ex) is { ReplyCode: NotAllowed } notAllowed)
        {
            var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.Length > 1 ? uri.AbsolutePath[1..] : "/");
            Log.VirtualHostRefused(logger, user, virtualHost, notAllowed.ReplyText);
            return ExitRefused;
        }

        return null;
    }

    private async Task<int?> DeclareAsync(IConnection connection, RabbitMqBusOptions bus, CancellationToken cancellationToken)
    {
        var node = $"{connection.Endpoint.HostName}:{connection.Endpoint.Port}";
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await BusTopology.DeclareAsync(channel, bus, cancellationToken).ConfigureAwait(false);
            Log.Passed(logger, node, bus.QueueType == ShardQueueType.Quorum ? "quorum" : "classic");
            return null;
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException && BrokerFailure.Refusal(ex) is { } refusal)
        {
            switch (refusal.ReplyCode)
            {
                case CommandInvalid when refusal.ReplyText.Contains(BusTopology.ConsistentHashExchangeType, StringComparison.Ordinal):
                    Log.PluginMissing(logger, node, refusal.ReplyText);
                    return ExitMisconfigured;
                case PreconditionFailed when refusal.ReplyText.Contains(BusTopology.QueueTypeArgument, StringComparison.Ordinal):
                    var queue = QueueName().Match(refusal.ReplyText) is { Success: true } match ? match.Groups[1].Value : BusTopology.ShardQueue(0);
                    var (existing, configured) = bus.QueueType == ShardQueueType.Quorum ? ("classic", "quorum") : ("quorum", "classic");
                    Log.QueueTypeMismatch(logger, queue, existing, configured, refusal.ReplyText);
                    return ExitMisconfigured;
                case AccessRefused:
                    Log.TopologyForbidden(logger, node, refusal.ReplyText);
                    return ExitRefused;
                default:
                    Log.TopologyRefused(logger, node, refusal.ReplyText);
                    return ExitMisconfigured;
            }
        }
    }

    [GeneratedRegex("queue '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();

    private static partial class Log
    {
        [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "RabbitMQ start-up check passed on {Node}: topology declared ({QueueType} queues)")]
        public static partial void Passed(ILogger logger, string node, string queueType);

        [LoggerMessage(EventId = 4211, Level = LogLevel.Information, Message = "RabbitMQ not reachable yet at {Endpoints} ({Reason}); retrying for up to {Seconds} s")]
        public static partial void Waiting(ILogger logger, string endpoints, string reason, double seconds);

        [LoggerMessage(EventId = 4212, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ unreachable at {Endpoints} for {Seconds} s ({Reason}). Start the broker, or fix Bus:RabbitMq:Endpoints / the host and port of Bus:RabbitMq:Uri.")]
        public static partial void Unreachable(ILogger logger, string endpoints, double seconds, string reason);

        [LoggerMessage(EventId = 4213, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ at {Endpoints} refused the credentials of user '{User}' ({Reason}). Fix the user name and password in Bus:RabbitMq:Uri, or create the user on the broker.")]
        public static partial void CredentialsRefused(ILogger logger, string endpoints, string user, string reason);

        [LoggerMessage(EventId = 4214, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ does not let user '{User}' open virtual host '{VirtualHost}' ({Reason}). Create the vhost and grant the user access, or fix the vhost in Bus:RabbitMq:Uri.")]
        public static partial void VirtualHostRefused(ILogger logger, string user, string virtualHost, string reason);

        [LoggerMessage(EventId = 4215, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ at {Node} lacks the consistent-hash exchange plugin ({Reason}). Enable it on every node: rabbitmq-plugins enable rabbitmq_consistent_hash_exchange (see rabbitmq/enabled_plugins).")]
        public static partial void PluginMissing(ILogger logger, string node, string reason);

        [LoggerMessage(EventId = 4216, Level = LogLevel.Critical, Message = "Cannot start: queue {Queue} exists as a {Existing} queue but Bus:RabbitMq:QueueType is {Configured} ({Reason}). Let it drain, delete it (rabbitmqctl delete_queue {Queue}) and the worker declares it anew, or set Bus:RabbitMq:QueueType={Existing}.")]
        public static partial void QueueTypeMismatch(ILogger logger, string queue, string existing, string configured, string reason);

        [LoggerMessage(EventId = 4217, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ at {Node} does not let the worker's user declare its exchanges and queues ({Reason}). Grant configure, write and read permissions on the vhost (rabbitmqctl set_permissions).")]
        public static partial void TopologyForbidden(ILogger logger, string node, string reason);

        [LoggerMessage(EventId = 4218, Level = LogLevel.Critical, Message = "Cannot start: RabbitMQ at {Node} refused the worker's topology ({Reason}). Make the broker's objects match rabbitmq/definitions.json, or delete the refused one so the worker declares it.")]
        public static partial void TopologyRefused(ILogger logger, string node, string reason);
    }
}
