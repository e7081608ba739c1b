using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>
/// The worker process against a broker it cannot use: it exits non-zero within 30 s with one line that says
/// what is wrong and how to fix it, and no stack trace.
/// </summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
[Trait("Worker", "Process")]
public sealed class BrokerStartupCheckTests(RabbitMqNode node)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static Dictionary<string, string?> RabbitMq(string uri, string endpoints = "", string queueType = "quorum") => new()
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Uri"] = uri,
        ["Bus:RabbitMq:Endpoints"] = endpoints,
        ["Bus:RabbitMq:QueueType"] = queueType,
    };

    private static async Task<string> AssertRefusedAsync(Dictionary<string, string?> settings, int exitCode)
    {
        var clock = Stopwatch.StartNew();
        var (code, output) = await WorkerProcess.RunUntilExitAsync(settings, Limit + TimeSpan.FromSeconds(30));
        clock.Stop();

        Assert.True(clock.Elapsed < Limit, $"took {clock.Elapsed}:\n{output}");
        Assert.True(exitCode == code, $"exit code {code}, expected {exitCode}:\n{output}");
        var refusals = output.Split('\n').Where(l => l.Contains("Cannot start:", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count == 1, output);
        Assert.DoesNotContain(output.Split('\n'), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("Exception:", StringComparison.Ordinal));
        return refusals[0];
    }

    [Fact]
    public async Task A_broker_without_the_consistent_hash_plugin_ends_the_start_naming_the_plugin_and_how_to_enable_it()
    {
        var bare = new RabbitMqNode { ConsistentHashPlugin = false };
        await bare.InitializeAsync();
        try
        {
            var line = await AssertRefusedAsync(RabbitMq(bare.Uri), BrokerStartupCheck.ExitMisconfigured);

            Assert.Contains("lacks the consistent-hash exchange plugin", line, StringComparison.Ordinal);
            Assert.Contains("rabbitmq-plugins enable rabbitmq_consistent_hash_exchange", line, StringComparison.Ordinal);
        }
        finally
        {
            await bare.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_wrong_password_ends_the_start_naming_the_user_and_the_setting_to_fix()
    {
        var wrong = node.Uri.Replace("guest:guest@", "guest:not-the-password@", StringComparison.Ordinal);

        var line = await AssertRefusedAsync(RabbitMq(wrong), BrokerStartupCheck.ExitRefused);

        Assert.Contains("refused the credentials of user 'guest'", line, StringComparison.Ordinal);
        Assert.Contains("Bus:RabbitMq:Uri", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_broker_ends_the_start_after_the_startup_timeout_naming_the_endpoints()
    {
        var closed = ClosedPort();
        var endpoints = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{closed}");

        var line = await AssertRefusedAsync(RabbitMq(node.Uri, endpoints), BrokerStartupCheck.ExitUnreachable);

        Assert.Contains($"RabbitMQ unreachable at {endpoints}", line, StringComparison.Ordinal);
        Assert.Contains("Start the broker", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shard_queues_of_the_other_type_end_the_start_naming_the_queue_and_both_fixes()
    {
        // The node's definitions declare quorum shard queues.
        var line = await AssertRefusedAsync(RabbitMq(node.Uri, queueType: "classic"), BrokerStartupCheck.ExitMisconfigured);

        Assert.Contains($"queue {BusTopology.ShardQueue(0)} exists as a quorum queue but Bus:RabbitMq:QueueType is classic", line, StringComparison.Ordinal);
        Assert.Contains($"rabbitmqctl delete_queue {BusTopology.ShardQueue(0)}", line, StringComparison.Ordinal);
        Assert.Contains("Bus:RabbitMq:QueueType=quorum", line, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nobody listens on (bound once, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
