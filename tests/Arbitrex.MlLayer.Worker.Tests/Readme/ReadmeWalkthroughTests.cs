using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's "first five minutes" block, then its rollout block (register, shadow, watch, promote, clear), run line
/// by line as a newcomer would, against the worker as <c>dotnet run</c> starts it (embedded bus; only the admin port
/// differs). Fails when a command in the README stops working or answers a problem.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ReadmeWalkthroughTests
{
    private const string Marker = "<!-- readme-test: walkthrough -->";
    private const string RolloutMarker = "<!-- readme-test: rollout -->";
    private const string ReadmeAddress = "http://localhost:8003";

    [Fact]
    public async Task The_first_five_minutes_of_the_readme_run_without_an_error()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var commands = WalkthroughCommands(readme);
        var rollout = BlockCommands(readme, RolloutMarker);
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
                var output = await RunAsync(command.Replace(ReadmeAddress, worker.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal), workspace.Path);
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

        var rolled = await RunAllAsync(rollout);

        Assert.Equal(8, rollout.Count);
        var shadowSet = JsonNode.Parse(rolled[2])!;
        Assert.Equal(JsonNode.Parse(answers[5])!["config_hash"]!.GetValue<string>(), shadowSet["config_hash"]!.GetValue<string>());
        var shadow = JsonNode.Parse(rolled[3])!;
        Assert.True(shadow["configured"]!.GetValue<bool>());
        Assert.Equal("v1.1.0", shadow["shadow_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal("v1.1.0", JsonNode.Parse(rolled[4])!["version"]!.GetValue<string>());
        var metrics = JsonNode.Parse(rolled[5])!.AsObject();
        Assert.True(metrics.ContainsKey("live_quality") && metrics.ContainsKey("drift"), rolled[5]);
        var promoted = JsonNode.Parse(rolled[6])!;
        Assert.Equal(shadowSet["shadow_config_hash"]!.GetValue<string>(), promoted["config_hash"]!.GetValue<string>());
        Assert.Equal("v1.1.0", promoted["config"]!["model"]!["signal_filter_version"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(rolled[7])!["shadow_config_hash"]);
    }

    /// <summary>The commands of the marked block: comments dropped, continuation lines joined.</summary>
    internal static List<string> WalkthroughCommands(string readme) => BlockCommands(readme, Marker);

    /// <summary>The commands of the block after <paramref name="marker"/>: comments dropped, continuation lines joined.</summary>
    private static List<string> BlockCommands(string readme, string marker)
    {
        var start = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no {marker}");
        var block = CodeBlock().Match(readme, start).Groups[1].Value;
        var commands = new List<string>();
        var current = "";
        foreach (var line in block.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.TrimStart().StartsWith('#')))
        {
            current += line.EndsWith('\\') ? line[..^1] : line;
            if (!line.EndsWith('\\'))
            {
                commands.Add(current);
                current = "";
            }
        }

        return commands;
    }

    private static async Task<string> RunAsync(string command, string workingDirectory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"`{command}` exited {process.ExitCode}: {await stderr}\n{await stdout}");
        return await stdout;
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"""status"":\s*[45]\d\d")]
    private static partial Regex ProblemStatus();
}
