using System.Globalization;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Feed;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The worker with clients that are not the worker: Python pika (raw JSON both ways) and MassTransit in C#.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class ExternalClientTests(RabbitMqNode node)
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static string Example(string script) => Path.Combine(RepoPaths.Root, "examples", "python", script);

    [Fact]
    public async Task Pika_raw_json_in_gives_raw_json_decisions_to_a_pika_subscriber()
    {
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        using var subscriber = ChildProcess.Start(Python, Example("subscribe_decisions.py"), "--uri", node.Uri, "--symbol-prefix", "PIK", "--count", "20", "--timeout", "60");
        await subscriber.WaitForStandardErrorAsync("ready", Patience);

        using var publisher = ChildProcess.Start(Python, Example("publish_features.py"), "--uri", node.Uri, "--symbols", "10", "--symbol-prefix", "PIK", "--bars", "2");
        Assert.Equal(0, await publisher.WaitForExitAsync(Patience));
        Assert.Equal(0, await subscriber.WaitForExitAsync(Patience));

        var decisions = subscriber.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<MlDecision>(line, ContractJson.Options)!)
            .ToList();
        var expected = Enumerable.Range(0, 10)
            .SelectMany(s => Enumerable.Range(0, 2).Select(b => DeterministicEngine.DecisionId(
                "PIK" + s.ToString("D3", CultureInfo.InvariantCulture), "4H", Bars.Start.AddHours(4 * b))))
            .ToHashSet();
        Assert.True(expected.SetEquals(decisions.Select(d => d.DecisionId)), subscriber.StandardError);
        Assert.All(decisions, d => Assert.Equal(DateTimeKind.Utc, d.BarTime.Kind));
        Assert.Empty(worker.Monitor.Rejections);
    }

    [Fact]
    public async Task A_masstransit_publisher_using_the_contracts_is_consumed_and_decided()
    {
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        await using var subscriber = await DecisionSubscriber.StartAsync(node);
        await using (var publisher = await MassTransitBarPublisher.StartAsync(new Uri(node.Uri)))
        {
            for (var bar = 0; bar < 10; bar++)
            {
                await publisher.PublishAsync(Bars.Qse("MTP", bar));
                await publisher.PublishAsync(Bars.Features("MTP", bar));
            }
        }

        var expected = Enumerable.Range(0, 10).Select(b => Bars.Id("MTP", b)).ToHashSet();
        var received = await subscriber.WaitForAsync("MTP", expected, Patience);

        Assert.True(expected.SetEquals(received.Select(d => d.DecisionId)));
        Assert.Equal(10, received.Count);
        Assert.Empty(worker.Monitor.Rejections);
    }

    [Fact]
    public async Task The_feed_tool_publishes_shuffled_duplicated_bars_and_reports_every_decision_with_latency()
    {
        await using var worker = await InProcessWorker.StartAsync(node.Uri);
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var feed = Path.Combine(RepoPaths.Root, "src", "Arbitrex.MlLayer.Feed", "bin", configuration, "net10.0", "arbitrex-feed.dll");

        using var run = ChildProcess.Start("dotnet", feed, "synthetic", "--uri", node.Uri, "--symbols", "25", "--symbol-prefix", "FED", "--bars", "8", "--shuffle", "--duplicates", "0.2", "--wait", "--timeout", "60");

        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("decisions 200/200 missing=0", run.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"p50=\d+\.\d ms p99=\d+\.\d ms", run.StandardOutput);
    }
}
