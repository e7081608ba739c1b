namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// Every shell block of the README is marked and run by a test, so a command added to it cannot go untested; every
/// marker (README and the docs whose examples are run) names a block one of the README tests runs.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ReadmeMarkerTests
{
    /// <summary>Marker name → the test class that extracts that block and runs it.</summary>
    internal static readonly IReadOnlyDictionary<string, string> RunBy = new Dictionary<string, string>
    {
        ["two-commands"] = nameof(ReadmeBuildAndDeployTests),
        ["walkthrough"] = nameof(ReadmeWalkthroughTests),
        ["bus-contract"] = nameof(ReadmeBusContractTests),
        ["pika-publisher"] = nameof(ReadmeBusContractTests),
        ["pika-outcome"] = nameof(ReadmeBusContractTests),
        ["train"] = nameof(ReadmeTrainTests),
        ["rollout"] = nameof(ReadmeWalkthroughTests),
        ["compose"] = nameof(ReadmeBuildAndDeployTests),
    };

    [Fact]
    public void Every_bash_block_of_the_readme_is_marked_for_a_test_that_runs_it()
    {
        var blocks = MarkedBlocks.All(MarkedBlocks.Read("README.md"));

        var unmarked = blocks.Where(b => b.Language == "bash" && b.Marker is null).Select(b => b.Body.Split('\n')[0]).ToList();
        Assert.True(unmarked.Count == 0, "bash blocks without a <!-- readme-test: NAME --> marker: " + string.Join(" | ", unmarked));
        Assert.Contains(blocks, b => b.Language == "bash");
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/OUTCOMES.md")]
    public void Every_marker_names_a_block_a_readme_test_runs_and_is_used_once(string file)
    {
        var markdown = MarkedBlocks.Read(file);
        var markers = MarkedBlocks.All(markdown).Select(b => b.Marker).OfType<string>().ToList();

        Assert.NotEmpty(markers);
        Assert.True(markers.Count == markdown.Split("<!-- readme-test:").Length - 1, $"{file}: a marker is not directly above a code fence");
        Assert.All(markers, m => Assert.True(RunBy.ContainsKey(m), $"{file}: no test runs the block marked '{m}'"));
        Assert.Equal(markers.Count, markers.Distinct().Count());
    }

    [Fact]
    public void A_marker_not_directly_above_a_fence_is_not_taken_for_one()
    {
        const string markdown = "<!-- readme-test: walkthrough -->\n\n```bash\necho a\n```\n\n<!-- readme-test: train -->\n```bash\necho b\n```\n";

        var blocks = MarkedBlocks.All(markdown);

        Assert.Equal([null, "train"], blocks.Select(b => b.Marker));
        Assert.Equal(["echo b"], MarkedBlocks.Commands(markdown, "train"));
    }
}
