using System.Diagnostics;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The code blocks of the README and docs that tests run as written: a block is marked by the line
/// <c>&lt;!-- readme-test: NAME --&gt;</c> directly above its opening fence.
/// </summary>
internal static partial class MarkedBlocks
{
    /// <summary>Every code block of <paramref name="markdown"/> in order: its language, the marker above it (null when none), its text.</summary>
    public static IReadOnlyList<CodeBlock> All(string markdown) =>
        Fence().Matches(markdown)
            .Select(m => new CodeBlock(m.Groups["language"].Value, m.Groups["marker"].Success ? m.Groups["marker"].Value : null, m.Groups["body"].Value))
            .ToList();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepoPaths.Root, relativePath));

    /// <summary>The text of the block marked <paramref name="name"/>, which must be there exactly once.</summary>
    public static string Text(string markdown, string name)
    {
        var blocks = All(markdown).Where(b => b.Marker == name).ToList();
        Assert.True(blocks.Count == 1, $"expected one block marked '{name}', found {blocks.Count}");
        return blocks[0].Body;
    }

    /// <summary>The shell commands of the block marked <paramref name="name"/>: comments and blank lines dropped, continuation lines joined.</summary>
    public static List<string> Commands(string markdown, string name)
    {
        var commands = new List<string>();
        var current = "";
        foreach (var line in Text(markdown, name).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.TrimStart().StartsWith('#')))
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

    /// <summary>Runs <paramref name="command"/> with <c>bash -c</c> in <paramref name="workingDirectory"/>; asserts exit code 0 and returns stdout.</summary>
    public static async Task<string> RunAsync(string command, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` still ran after {timeout ?? TimeSpan.FromMinutes(3)}");
        }

        Assert.True(process.ExitCode == 0, $"`{command}` exited {process.ExitCode}: {await stderr}\n{await stdout}");
        return await stdout;
    }

    [GeneratedRegex(@"^(?:<!-- readme-test: (?<marker>[a-z0-9-]+) -->\n)?```(?<language>[a-z]*)\n(?<body>.*?)^```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();
}
