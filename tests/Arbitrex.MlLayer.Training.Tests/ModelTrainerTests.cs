using System.Security.Cryptography;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.LightGbm;
using Arbitrex.MlLayer.Training.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Arbitrex.MlLayer.Training.Tests;

[Trait("Category", "Unit")]
public sealed class ModelTrainerTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_native_LightGBM_library_gives_Microsoft_MLs_probability_on_every_validation_row()
    {
        using var folder = new TempFolder();
        var data = folder.Write("bars.csv", SyntheticDataSet.Csv(1500));
        var result = Trainer().Train(data, Path.Combine(folder.Path, "out"), new TrainingOptions());

        var engine = result.Model.CreatePredictionEngine();
        var rows = result.Split.Validation;
        var matrix = rows.SelectMany(r => r.Features).ToArray();
        var native = NativeLightGbm.PredictProbabilities(result.ModelPath, matrix, CanonicalFeatures.All.Count);

        var worst = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = engine.Predict(MlNetExample.From(rows[i])).Probability;
            worst = Math.Max(worst, Math.Abs(native[i] - expected));
        }

        output.WriteLine($"{rows.Count} validation rows, largest |native - Microsoft.ML| = {worst:R}");
        Assert.True(worst <= 1e-6, $"largest difference {worst:R}");
    }

    [Fact]
    public void The_same_data_and_seed_give_the_same_model_file()
    {
        using var folder = new TempFolder();
        var data = folder.Write("bars.csv", SyntheticDataSet.Csv(400));
        var options = new TrainingOptions { Trees = 20 };

        var first = Trainer().Train(data, Path.Combine(folder.Path, "a"), options);
        var second = Trainer().Train(data, Path.Combine(folder.Path, "b"), options);

        Assert.Equal(File.ReadAllText(first.ModelPath), File.ReadAllText(second.ModelPath));
    }

    [Fact]
    public void The_metadata_holds_the_validation_figures_windows_data_set_hash_options_and_baselines()
    {
        using var folder = new TempFolder();
        var data = folder.Write("bars.csv", SyntheticDataSet.Csv(500));

        var result = Trainer().Train(data, Path.Combine(folder.Path, "out"), new TrainingOptions { Trees = 30, Leaves = 7, Seed = 9 });

        using var metadata = JsonDocument.Parse(File.ReadAllText(result.MetadataPath));
        var root = metadata.RootElement;
        Assert.Equal(result.Validation.Auc, root.GetProperty("auc").GetDouble());
        Assert.Equal("lightgbm", root.GetProperty("kind").GetString());
        Assert.Equal(400, root.GetProperty("training_samples").GetInt64());
        Assert.Equal("2026-12-04T12:00:00Z", root.GetProperty("training_date").GetString());
        Assert.Equal(10, root.GetProperty("calibration").GetArrayLength());
        Assert.Equal(CanonicalFeatures.All, root.GetProperty("feature_importance").EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-02T00:00:00Z", root.GetProperty("training_window").GetProperty("first_bar_time").GetString());
        Assert.Equal(100, root.GetProperty("validation_window").GetProperty("rows").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data))), root.GetProperty("data_set").GetProperty("sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(result.ModelPath))), root.GetProperty("model_sha256").GetString());
        Assert.Equal((7, 30, 9), (root.GetProperty("trainer").GetProperty("leaves").GetInt32(), root.GetProperty("trainer").GetProperty("trees").GetInt32(), root.GetProperty("trainer").GetProperty("seed").GetInt32()));
        Assert.Equal(400, root.GetProperty("feature_baseline").GetProperty("rsi").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
        Assert.Equal(400, root.GetProperty("feature_baseline").GetProperty("rsi").GetProperty("sample").GetArrayLength());
        Assert.NotNull(Core.Monitoring.Drift.DriftBaseline.From(result.Metadata)?.Features["rsi"].Sample);
        Assert.Equal(100, root.GetProperty("prediction_baseline").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt32()));
        Assert.InRange(result.Validation.Auc, 0.6, 1.0);
    }

    [Fact]
    public void A_bad_cell_stops_the_run_naming_its_line_and_column_and_writes_nothing()
    {
        using var folder = new TempFolder();
        var text = SyntheticDataSet.Csv(300).Replace(",0.", ",x.", StringComparison.Ordinal);
        var output = Path.Combine(folder.Path, "out");

        var error = Assert.Throws<TrainingDataException>(() => Trainer().Train(folder.Write("bars.csv", text), output, new TrainingOptions()));

        Assert.Equal(2, error.Line);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_data_set_with_one_class_only_is_refused_naming_the_label_column()
    {
        using var folder = new TempFolder();
        var text = string.Join('\n', SyntheticDataSet.Csv(300).Split('\n').Select((l, i) => i == 0 || l.Length == 0 ? l : l[..^1] + "1"));
        var output = Path.Combine(folder.Path, "out");

        var error = Assert.Throws<TrainingDataException>(() => Trainer().Train(folder.Write("bars.csv", text), output, new TrainingOptions()));

        Assert.Equal("label", error.Column);
        Assert.Contains("all have label 1", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Fewer_rows_than_the_minimum_are_refused()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<TrainingDataException>(() =>
            Trainer().Train(folder.Write("bars.csv", SyntheticDataSet.Csv(99)), Path.Combine(folder.Path, "out"), new TrainingOptions()));

        Assert.Contains("99 rows; at least 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_holds_a_model_already_is_left_alone()
    {
        using var folder = new TempFolder();
        var output = Directory.CreateDirectory(Path.Combine(folder.Path, "out")).FullName;
        File.WriteAllText(Path.Combine(output, ModelTrainer.ModelFileName), "keep");

        Assert.Throws<IOException>(() => Trainer().Train(folder.Write("bars.csv", SyntheticDataSet.Csv(200)), output, new TrainingOptions()));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(output, ModelTrainer.ModelFileName)));
        Assert.False(File.Exists(Path.Combine(output, ModelTrainer.MetadataFileName)));
    }

    private static ModelTrainer Trainer() => new(NullLogger<ModelTrainer>.Instance, new FakeTimeProvider(Now));
}
