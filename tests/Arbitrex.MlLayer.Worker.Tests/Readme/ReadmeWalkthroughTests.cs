using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's "first five minutes" block, then its rollout block (register, shadow, watch, drift baseline, promote,
/// clear), run line by line as a newcomer would, against the worker as <c>dotnet run</c> starts it (embedded bus with
/// the sample feed; only the admin port and the state folders differ). Fails when a command in the README stops working
/// or answers a problem.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed partial class ReadmeWalkthroughTests
{
    private const string ReadmeAddress = "http://localhost:8003";

    [Fact]
    public async Task The_first_five_minutes_of_the_readme_run_without_an_error()
    {
        var readme = MarkedBlocks.Read("README.md");
        var commands = MarkedBlocks.Commands(readme, "walkthrough");
        var rollout = MarkedBlocks.Commands(readme, "rollout");
        await using var worker = await WorkerProcess.StartAsync(new Dictionary<string, string?> { ["Bus:SampleFeed:Enabled"] = "true" });
        using var workspace = new TempDirectory();
        foreach (var folder in new[] { "examples", "tools" })
        {
            Directory.CreateSymbolicLink(Path.Combine(workspace.Path, folder), Path.Combine(RepoPaths.Root, folder));
        }

        var incoming = Directory.CreateDirectory(Path.Combine(worker.StateDirectory, "incoming")).FullName;
        Directory.CreateDirectory(Path.Combine(workspace.Path, "models"));
        Directory.CreateSymbolicLink(Path.Combine(workspace.Path, "models", "incoming"), incoming);

        async Task<List<string>> RunAllAsync(List<string> block)
        {
            var answers = new List<string>();
            foreach (var command in block)
            {
                var output = await MarkedBlocks.RunAsync(command.Replace(ReadmeAddress, worker.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal), workspace.Path);
                Assert.DoesNotMatch(ProblemStatus(), output);
                answers.Add(output);
            }

            return answers;
        }

        var answers = await RunAllAsync(commands);

        Assert.Equal(8, commands.Count);
        Assert.Equal("healthy", JsonNode.Parse(answers[0])!["status"]!.GetValue<string>());
        Assert.Equal("2025-12-22T12:00:00Z", JsonNode.Parse(answers[1])!["prediction"]!["bar_time"]!.GetValue<string>());
        var trained = JsonNode.Parse(answers[6])!["prediction"]!;
        Assert.Equal("v1.0.0", trained["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal(5, trained["signal"]!["top_features"]!.AsArray().Count);
        Assert.NotEmpty(JsonNode.Parse(answers[7])!["decisions"]!.AsArray());

        // The rollout's baseline capture needs Monitoring:Drift:MinSample live bars; the sample feed's catch-up brings them.
        await WaitForDriftSampleAsync(worker);
        var rolled = await RunAllAsync(rollout);

        Assert.Equal(9, rollout.Count);
        var shadowSet = JsonNode.Parse(rolled[2])!;
        Assert.Equal(JsonNode.Parse(answers[5])!["config_hash"]!.GetValue<string>(), shadowSet["config_hash"]!.GetValue<string>());
        var shadow = JsonNode.Parse(rolled[3])!;
        Assert.True(shadow["configured"]!.GetValue<bool>());
        Assert.Equal("v1.1.0", shadow["shadow_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal("v1.1.0", JsonNode.Parse(rolled[4])!["version"]!.GetValue<string>());
        var metrics = JsonNode.Parse(rolled[5])!.AsObject();
        Assert.True(metrics.ContainsKey("live_quality") && metrics.ContainsKey("drift"), rolled[5]);
        var baseline = JsonNode.Parse(rolled[6])!;
        Assert.Equal("v1.1.0", baseline["version"]!.GetValue<string>());
        Assert.Equal(16, baseline["features"]!.GetValue<int>());
        var promoted = JsonNode.Parse(rolled[7])!;
        Assert.Equal(shadowSet["shadow_config_hash"]!.GetValue<string>(), promoted["config_hash"]!.GetValue<string>());
        Assert.Equal("v1.1.0", promoted["config"]!["model"]!["signal_filter_version"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(rolled[8])!["shadow_config_hash"]);
        using var http = worker.CreateClient();
        var drift = JsonNode.Parse(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)))!["drift"]!;
        Assert.Equal("v1.1.0", drift["version"]!.GetValue<string>());
        Assert.True(drift["has_baseline"]!.GetValue<bool>(), drift.ToJsonString());
    }

    private static async Task WaitForDriftSampleAsync(WorkerProcess worker)
    {
        using var http = worker.CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        JsonNode? drift = null;
        while (DateTime.UtcNow < deadline)
        {
            drift = JsonNode.Parse(await http.GetStringAsync(new Uri("metrics", UriKind.Relative)))!["drift"];
            if (drift is not null && drift["sample_size"]!.GetValue<int>() >= drift["min_sample"]!.GetValue<int>())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("the live drift window did not reach Monitoring:Drift:MinSample bars: " + drift?.ToJsonString());
    }

    [GeneratedRegex(@"""status"":\s*[45]\d\d")]
    private static partial Regex ProblemStatus();
}
