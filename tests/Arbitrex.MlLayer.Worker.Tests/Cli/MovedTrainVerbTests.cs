using System.Text.Json;
using Arbitrex.MlLayer.Worker.Cli;

namespace Arbitrex.MlLayer.Worker.Tests.Cli;

[Trait("Category", "Unit")]
public sealed class MovedTrainVerbTests
{
    [Fact]
    public void Train_exits_64_with_one_line_naming_the_trainer_command()
    {
        using var error = new StringWriter();

        var exit = MovedTrainVerb.TryRun(["train", "--data", "tools/training/sample_bars.csv", "--out", "models/incoming/lgbm-v1"], error);

        Assert.Equal(MovedTrainVerb.ExitUsage, exit);
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("dotnet run --project src/Arbitrex.MlLayer.Trainer -- train", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_verbs_are_left_to_the_host()
    {
        Assert.Null(MovedTrainVerb.TryRun(["audit", "verify", "x"], TextWriter.Null));
        Assert.Null(MovedTrainVerb.TryRun([], TextWriter.Null));
    }

    [Fact]
    public void The_worker_carries_neither_ml_net_nor_the_native_lightgbm()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Arbitrex.MlLayer.Worker.deps.json")));

        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name).ToList();

        Assert.Contains(libraries, l => l.StartsWith("Arbitrex.MlLayer.Core/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Microsoft.ML", StringComparison.OrdinalIgnoreCase) || l.StartsWith("LightGBM/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(libraries, l => l.StartsWith("Arbitrex.MlLayer.Training/", StringComparison.Ordinal));
    }
}
