using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's bus contract with plain pika, against a private RabbitMQ node: the worker started with the README's
/// arguments, its subscriber and publisher commands, the publisher snippet, then the trade outcome example of
/// docs/OUTCOMES.md for a decision the subscriber received, which the worker must record.
/// </summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
[Trait("Worker", "Process")]
public sealed partial class ReadmeBusContractTests(RabbitMqNode node)
{
    private const string Python = "/usr/bin/python3";
    private const string DotnetRun = "dotnet run --project src/Arbitrex.MlLayer.Worker -- ";
    private const string ReadmeBroker = "amqp://guest:guest@localhost:5672/";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    // What the snippet leaves to the surrounding program: a confirming channel and the 16 features (those of the
    // example publisher); afterwards the bar's other half, so the worker decides it on the join rather than the timeout.
    private const string SnippetPrelude = """
        import datetime, json, random, sys
        import pika
        sys.path.insert(0, "examples/python")
        from publish_features import bar_pair
        channel = pika.BlockingConnection(pika.URLParameters(sys.argv[1])).channel()
        channel.confirm_delivery()
        snapshot, qse = bar_pair("EURUSD", "4H", datetime.datetime(2025, 12, 22, 12), random.Random(7))
        features = snapshot["features"]

        """;

    private const string SnippetEpilogue = """

        channel.basic_publish(exchange="arbitrex.ml.qse-output", routing_key="EURUSD.4H", body=json.dumps(qse),
                              properties=pika.BasicProperties(content_type="application/json", delivery_mode=2))
        """;

    // The outcome example works on `decision`, one decision as the subscriber printed it.
    private const string OutcomePrelude = """
        import json, sys
        decision = json.loads(open(sys.argv[1]).read())

        """;

    [Fact]
    public async Task The_pika_commands_and_snippets_reach_the_worker_and_the_subscriber_and_the_outcome_is_recorded()
    {
        var readme = MarkedBlocks.Read("README.md");
        var commands = MarkedBlocks.Commands(readme, "bus-contract");
        Assert.Equal(3, commands.Count);
        Assert.StartsWith(DotnetRun, commands[0], StringComparison.Ordinal);
        Assert.All(commands.Skip(1), c => Assert.Contains(ReadmeBroker, c, StringComparison.Ordinal));
        await node.PurgeWorkerQueuesAsync();

        // The worker dll the test project was built with, given the README's arguments after `--` (`dotnet run` would
        // build first); the broker is the private node instead of localhost:5672.
        var settings = commands[0][DotnetRun.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.TrimStart('-').Split('=', 2))
            .ToDictionary(p => p[0], p => (string?)p[1]);
        Assert.Equal("RabbitMq", settings["Bus:Transport"]);
        settings["Bus:RabbitMq:Uri"] = node.Uri;
        await using var worker = await WorkerProcess.StartAsync(settings);

        // The subscriber runs until Ctrl+C, as in its own terminal; it is stopped (its process tree killed) at the end.
        using var subscriber = ChildProcess.Start("bash", "-c", commands[1].Replace(ReadmeBroker, node.Uri, StringComparison.Ordinal));
        await subscriber.WaitForStandardErrorAsync("ready", Patience);
        await MarkedBlocks.RunAsync(commands[2].Replace(ReadmeBroker, node.Uri, StringComparison.Ordinal), RepoPaths.Root);
        using var scripts = new TempDirectory();
        var publisher = Path.Combine(scripts.Path, "publisher.py");
        await File.WriteAllTextAsync(publisher, SnippetPrelude + MarkedBlocks.Text(readme, "pika-publisher") + SnippetEpilogue);
        await MarkedBlocks.RunAsync($"{Python} {publisher} '{node.Uri}'", RepoPaths.Root);

        string[] expected = [.. from symbol in new[] { "EURUSD", "GBPUSD" }
                                from hour in new[] { 0, 4, 8 }
                                select Bar(symbol, hour), Bar("EURUSD", 12)];
        var decisions = await WaitForDecisionsAsync(subscriber, expected, worker);
        Assert.All(decisions.Values, d => Assert.Equal("4H", d["timeframe"]!.GetValue<string>()));

        var decision = decisions[Bar("EURUSD", 12)];
        var decisionFile = Path.Combine(scripts.Path, "decision.json");
        await File.WriteAllTextAsync(decisionFile, decision.ToJsonString());
        var outcome = Path.Combine(scripts.Path, "outcome.py");
        var example = MarkedBlocks.Text(MarkedBlocks.Read("docs/OUTCOMES.md"), "pika-outcome");
        Assert.Contains(ReadmeBroker, example, StringComparison.Ordinal);
        await File.WriteAllTextAsync(outcome, OutcomePrelude + example.Replace(ReadmeBroker, node.Uri, StringComparison.Ordinal));
        await MarkedBlocks.RunAsync($"{Python} {outcome} {decisionFile}", RepoPaths.Root);

        var recorded = await WaitForOutcomeRecordAsync(worker, decision["decision_id"]!.GetValue<string>());
        Assert.True(recorded["success"]!.GetValue<bool>());
        Assert.Equal(0.0123, recorded["realized_return"]!.GetValue<double>());
        using var http = worker.CreateClient();
        var prometheus = await http.GetStringAsync(new Uri("metrics/prometheus", UriKind.Relative));
        Assert.Equal(1, OutcomesTotal().Matches(prometheus).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    private static string Bar(string symbol, int hour) => $"{symbol} 2025-12-22T{hour:D2}:00:00Z";

    private static async Task<Dictionary<string, JsonNode>> WaitForDecisionsAsync(ChildProcess subscriber, string[] expected, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var seen = subscriber.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line)!)
                .GroupBy(d => $"{d["symbol"]!.GetValue<string>()} {d["bar_time"]!.GetValue<string>()}")
                .ToDictionary(g => g.Key, g => g.First());
            if (expected.All(seen.ContainsKey))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the subscriber saw {string.Join(", ", seen.Keys)}; expected {string.Join(", ", expected)}\n{subscriber.StandardError}\n{worker.Output}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<JsonNode> WaitForOutcomeRecordAsync(WorkerProcess worker, string decisionId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(worker.AuditFile))
            {
                // Only complete lines of outcome records are parsed: the worker may be writing the last line.
                var record = (await File.ReadAllLinesAsync(worker.AuditFile))
                    .Where(line => line.EndsWith('}') && line.Contains("\"record_type\":\"outcome\"", StringComparison.Ordinal))
                    .Select(line => JsonNode.Parse(line)!)
                    .FirstOrDefault(r => r["decision_id"]!.GetValue<string>() == decisionId);
                if (record is not null)
                {
                    return record;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no outcome record for {decisionId} in {worker.AuditFile}:\n{worker.Output}");
    }

    [GeneratedRegex(@"^ml_layer_outcomes_total(?:\{[^}]*\})? (\S+)$", RegexOptions.Multiline)]
    private static partial Regex OutcomesTotal();
}
