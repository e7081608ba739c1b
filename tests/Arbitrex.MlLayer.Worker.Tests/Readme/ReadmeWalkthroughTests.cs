using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's "first five minutes" block, run line by line as a newcomer would, against the worker as
/// <c>dotnet run</c> starts it (embedded bus; only the admin port differs). Fails when a command in the README
/// stops working or answers a problem.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ReadmeWalkthroughTests
{
    private const string Marker = "<!-- readme-test: walkthrough -->";
    private const string ReadmeAddress = "http://localhost:8003";

    [Fact]
    public async Task The_first_five_minutes_of_the_readme_run_without_an_error()
    {
        var commands = WalkthroughCommands(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));
        await using var worker = await WorkerProcess.StartAsync(new Dictionary<string, string?> { ["Bus:SampleFeed:Enabled"] = "true" });
        using var workspace = new TempDirectory();
        foreach (var folder in new[] { "examples", "tools" })
        {
            Directory.CreateSymbolicLink(Path.Combine(workspace.Path, folder), Path.Combine(RepoPaths.Root, folder));
        }

        var incoming = Directory.CreateDirectory(Path.Combine(worker.StateDirectory, "incoming")).FullName;
        Directory.CreateDirectory(Path.Combine(workspace.Path, "models"));
        Directory.CreateSymbolicLink(Path.Combine(workspace.Path, "models", "incoming"), incoming);

        var answers = new List<string>();
        foreach (var command in commands)
        {
            var output = await RunAsync(command.Replace(ReadmeAddress, worker.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal), workspace.Path);
            Assert.DoesNotMatch(ProblemStatus(), output);
            answers.Add(output);
        }

        Assert.Equal(8, commands.Count);
        Assert.Equal("healthy", JsonNode.Parse(answers[0])!["status"]!.GetValue<string>());
        Assert.Equal("2025-12-22T12:00:00Z", JsonNode.Parse(answers[1])!["prediction"]!["bar_time"]!.GetValue<string>());
        var trained = JsonNode.Parse(answers[6])!["prediction"]!;
        Assert.Equal("v1.0.0", trained["model_versions"]!["signal_filter"]!.GetValue<string>());
        Assert.Equal(5, trained["signal"]!["top_features"]!.AsArray().Count);
        Assert.NotEmpty(JsonNode.Parse(answers[7])!["decisions"]!.AsArray());
    }

    /// <summary>The commands of the marked block: comments dropped, continuation lines joined.</summary>
    internal static List<string> WalkthroughCommands(string readme)
    {
        var start = readme.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no {Marker}");
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
