using System.Text.Json;
using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Worker.Cli;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Readme;

/// <summary>
/// The README's "Trained models" block: trains a LightGBM signal filter on the shipped sample and registers it, in a
/// workspace that mirrors the repository (its <c>tools</c> linked, a copy of its <c>models</c> registry), so the
/// repository itself is not changed.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Worker", "Process")]
public sealed class ReadmeTrainTests
{
    // The command the worker names when it is still asked to train.
    private const string DotnetRun = MovedTrainVerb.Command + " ";

    [Fact]
    public async Task The_train_command_of_the_readme_trains_and_registers_the_model()
    {
        var command = Assert.Single(MarkedBlocks.Commands(MarkedBlocks.Read("README.md"), "train"));
        Assert.StartsWith(DotnetRun, command, StringComparison.Ordinal);
        using var workspace = new TempDirectory();
        Directory.CreateSymbolicLink(Path.Combine(workspace.Path, "tools"), Path.Combine(RepoPaths.Root, "tools"));
        WorkerProcess.CopyDirectory(RepoPaths.Models, Path.Combine(workspace.Path, "models"));

        // `dotnet run` would first build the trainer, racing the test run's own build output; the trainer dll the test
        // project was built with takes the README's arguments after `train` exactly as written.
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var trainer = Path.Combine(RepoPaths.Root, "src", "Arbitrex.MlLayer.Trainer", "bin", configuration, "net10.0", "arbitrex-trainer.dll");
        var output = await MarkedBlocks.RunAsync($"dotnet {trainer} train {command[DotnetRun.Length..]}", workspace.Path, TimeSpan.FromMinutes(5));

        Assert.Contains("train: registered signal_filter v1.1.0", output, StringComparison.Ordinal);
        var trained = Path.Combine(workspace.Path, "models", "incoming", "lgbm-v1");
        Assert.StartsWith("tree\nversion=v4\n", File.ReadAllText(Path.Combine(trained, "model.txt")), StringComparison.Ordinal);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Path, "models", "registry_index.json")));
        var entry = Assert.Single(index.RootElement.GetProperty("models").EnumerateArray(), m => m.GetProperty("version").GetString() == "v1.1.0");
        Assert.Equal("signal_filter", entry.GetProperty("name").GetString());
        Assert.Equal("lightgbm", entry.GetProperty("kind").GetString());
    }
}
