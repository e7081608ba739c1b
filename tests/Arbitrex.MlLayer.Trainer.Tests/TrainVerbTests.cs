using System.Text.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.Tests.TestSupport;

namespace Arbitrex.MlLayer.Trainer.Tests;

[Trait("Category", "Unit")]
public sealed class TrainVerbTests : IDisposable
{
    private static readonly string SampleBars = Path.Combine(RepoPaths.Root, "tools", "training", "sample_bars.csv");

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Output => Path.Combine(_dir.Path, "out");

    [Theory]
    [InlineData("")]
    [InlineData("--data bars.csv --out out")]
    [InlineData("audit verify x")]
    public async Task A_command_line_not_starting_with_train_exits_64_with_the_usage(string commandLine)
    {
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), output);

        Assert.Equal(TrainVerb.ExitUsage, exit);
        Assert.StartsWith("usage: arbitrex-trainer train --data", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sample_data_set_trains_with_progress_and_writes_the_model_and_its_metadata()
    {
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(["train", "--data", SampleBars, "--out", Output], output);

        Assert.Equal(TrainVerb.ExitOk, exit);
        Assert.Contains("Split by time: 1600 training rows", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Trained 100 trees in", output.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("tree\nversion=v4\n", File.ReadAllText(Path.Combine(Output, "model.txt")), StringComparison.Ordinal);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "metadata.json")));
        Assert.InRange(metadata.RootElement.GetProperty("auc").GetDouble(), 0.6, 1.0);
    }

    [Fact]
    public async Task Bus_decisions_of_the_audit_log_with_their_outcomes_train_a_model_on_the_chosen_window()
    {
        var rows = DataSetReader.Read(SampleBars).Rows;
        var audit = Path.Combine(_dir.Path, "audit");
        await AuditedBars.WriteAsync(audit, rows);

        using var output = new StringWriter();
        var until = rows[1500].BarTime.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        var exit = await TrainVerb.RunAsync(["train", "--from-audit", audit, "--until", until, "--trees", "20", "--out", Output], output);

        Assert.Equal(TrainVerb.ExitOk, exit);
        Assert.Contains("Split by time: 1200 training rows", output.ToString(), StringComparison.Ordinal);
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "metadata.json")));
        Assert.Equal(1500, metadata.RootElement.GetProperty("data_set").GetProperty("rows").GetInt32());
        Assert.Equal(rows[1499].BarTime.UtcDateTime, metadata.RootElement.GetProperty("validation_window").GetProperty("last_bar_time").GetDateTime());
    }

    [Fact]
    public async Task A_bad_cell_exits_64_naming_its_line_and_column_and_writes_nothing()
    {
        var lines = File.ReadAllLines(SampleBars);
        lines[41] = lines[41].Replace(",0.", ",zero.", StringComparison.Ordinal);
        var data = Path.Combine(_dir.Path, "bars.csv");
        File.WriteAllLines(data, lines);
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(["train", "--data", data, "--out", Output], output);

        Assert.Equal(TrainVerb.ExitUsage, exit);
        Assert.Matches(@"train: line 42, column '\w+': 'zero\.\d+' is not a number\. Nothing was written\.", output.ToString());
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task A_bad_command_line_exits_64_with_the_usage()
    {
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(["train", "--data", SampleBars], output);

        Assert.Equal(TrainVerb.ExitUsage, exit);
        Assert.Contains("train: --out DIR is required.", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage: arbitrex-trainer train --data", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_holding_a_model_already_exits_64_and_keeps_it()
    {
        Directory.CreateDirectory(Output);
        File.WriteAllText(Path.Combine(Output, "model.txt"), "keep");
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(["train", "--data", SampleBars, "--out", Output], output);

        Assert.Equal(TrainVerb.ExitUsage, exit);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(Output, "model.txt")));
    }

    [Fact]
    public async Task A_refused_registration_exits_64_and_keeps_the_trained_files()
    {
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(
            ["train", "--data", SampleBars, "--out", Output, "--trees", "10", "--register", "no_such_model", "v1.0.0", $"--Registry:Root={Registry}"],
            output);

        Assert.Equal(TrainVerb.ExitUsage, exit);
        Assert.Contains("train: registration refused", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Output, "model.txt")));
        Assert.False(File.Exists(Path.Combine(Registry, ModelRegistry.IndexFileName)));
    }

    [Fact]
    public async Task Register_adds_the_trained_model_to_the_registry_with_its_metadata()
    {
        using var output = new StringWriter();

        var exit = await TrainVerb.RunAsync(
            ["train", "--data", SampleBars, "--out", Output, "--trees", "20", "--register", "signal_filter", "v3.0.0", $"--Registry:Root={Registry}"],
            output);

        Assert.True(exit == TrainVerb.ExitOk, output.ToString());
        var registry = new ModelRegistry(Registry, [], TimeProvider.System);
        var entry = registry.Get("signal_filter", "v3.0.0");
        Assert.Equal(ModelKind.Lightgbm, entry.Kind);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Output, "model.txt")), registry.LoadArtifact("signal_filter", "v3.0.0").Content.ToArray());
        var metadata = registry.LoadMetadata("signal_filter", "v3.0.0");
        Assert.NotNull(metadata.Auc);
        Assert.Equal(16, metadata.Features.Count);
        Assert.True(metadata.Extra!.ContainsKey("feature_baseline"));
        Assert.Equal("v3.0.0", metadata.Extra["version"].GetString());

        // The validation Brier the live quality rule compares with is the one train measured.
        var measured = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "metadata.json")))!["brier_score"]!.GetValue<double>();
        Assert.Equal(measured, new Core.Monitoring.Quality.RegistryValidationBriers(registry).ValidationBrierOf("v3.0.0"));
    }

    private string Registry => Path.Combine(_dir.Path, "models");
}
