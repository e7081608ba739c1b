using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Cli;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's "two commands" block and its deployment block. Neither can run to its end inside a test run, so each
/// command is run as far as it can be here, and the test says what stands in for the rest.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReadmeBuildAndDeployTests
{
    private static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    [Fact]
    public void The_main_job_is_the_embedded_worker_the_walkthrough_runs_and_the_test_command_is_what_ci_runs()
    {
        var commands = MarkedBlocks.Commands(MarkedBlocks.Read("README.md"), "two-commands");
        Assert.Equal(3, commands.Count);

        // `dotnet run --project src/Arbitrex.MlLayer.Worker` runs until Ctrl+C. ReadmeWalkthroughTests runs the worker it
        // builds in the mode it starts: the launch profile sets the Development environment, whose settings select the
        // in-process bus, and the sample feed is on in the base settings.
        Assert.Equal("dotnet run --project src/Arbitrex.MlLayer.Worker", commands[0]);
        var launch = JsonNode.Parse(MarkedBlocks.Read("src/Arbitrex.MlLayer.Worker/Properties/launchSettings.json"))!;
        var environment = launch["profiles"]!["Arbitrex.MlLayer.Worker"]!["environmentVariables"]!["DOTNET_ENVIRONMENT"]!.GetValue<string>();
        var environmentSettings = JsonNode.Parse(MarkedBlocks.Read($"src/Arbitrex.MlLayer.Worker/appsettings.{environment}.json"))!;
        Assert.Equal("InMemory", environmentSettings["Bus"]!["Transport"]!.GetValue<string>());
        var settings = JsonNode.Parse(MarkedBlocks.Read("src/Arbitrex.MlLayer.Worker/appsettings.json"))!;
        Assert.True(settings["Bus"]!["SampleFeed"]!["Enabled"]!.GetValue<bool>());

        // `./test.sh` runs every test, this one included, so it cannot run from here: CI runs it (the last command
        // of .ci/run).
        Assert.Equal("./test.sh", commands[1]);
        var ci = MarkedBlocks.Read(".ci/run").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal("./test.sh", ci[^1]);
    }

    [Fact]
    public async Task The_fast_unit_test_command_selects_unit_tests_only()
    {
        var command = MarkedBlocks.Commands(MarkedBlocks.Read("README.md"), "two-commands")[2];
        Assert.StartsWith("dotnet test Arbitrex.MlLayer.sln --filter ", command, StringComparison.Ordinal);

        // Run as written, only listing the tests it selects (running them here would run the unit suite twice) from
        // the build of this test run.
        var listed = await MarkedBlocks.RunAsync($"{command} --no-build -c {Configuration} --list-tests", RepoPaths.Root, TimeSpan.FromMinutes(5));

        Assert.DoesNotContain("Incorrect format for TestCaseFilter", listed, StringComparison.Ordinal);
        Assert.Contains($"{nameof(ReadmeMarkerTests)}.{nameof(ReadmeMarkerTests.Every_bash_block_of_the_readme_is_marked_for_a_test_that_runs_it)}", listed, StringComparison.Ordinal);
        Assert.DoesNotContain($"{nameof(ReadmeBuildAndDeployTests)}.", listed, StringComparison.Ordinal);
        Assert.DoesNotContain($"{nameof(ReadmeBusContractTests)}.", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_compose_command_reads_a_valid_file_with_the_env_key_and_a_readiness_healthcheck()
    {
        var command = Assert.Single(MarkedBlocks.Commands(MarkedBlocks.Read("README.md"), "compose"));
        Assert.Equal("docker-compose up --build", command);

        // No Docker engine runs on the build machines: `config` reads the same compose file and .env from the same
        // folder as `up` would, validates them and prints the resolved services.
        var config = await MarkedBlocks.RunAsync("docker-compose config", RepoPaths.Root, TimeSpan.FromMinutes(1));

        var key = MarkedBlocks.Read(".env").Split('\n').Single(l => l.StartsWith("ML_LAYER_API_KEY=", StringComparison.Ordinal))["ML_LAYER_API_KEY=".Length..];
        var worker = Service(config, "worker");
        Assert.Contains($"Admin__ApiKey: {key}", worker, StringComparison.Ordinal);
        Assert.Contains("healthcheck:", worker, StringComparison.Ordinal);
        Assert.Contains("- probe", worker, StringComparison.Ordinal);
        Assert.Contains($"- {ProbeVerb.DefaultUrl}", worker, StringComparison.Ordinal);
        Assert.Contains("condition: service_healthy", Service(config, "prometheus"), StringComparison.Ordinal);
    }

    /// <summary>The lines of one service in <c>docker-compose config</c> output (services indented by two spaces).</summary>
    private static string Service(string config, string name)
    {
        var lines = config.Split('\n');
        var start = Array.IndexOf(lines, $"  {name}:");
        Assert.True(start >= 0, $"no service {name} in:\n{config}");
        var section = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0);
        return string.Join('\n', section);
    }
}
