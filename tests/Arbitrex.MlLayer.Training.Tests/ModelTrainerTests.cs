using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Training.LightGbm;
using Arbitrex.MlLayer.Training.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Arbitrex.MlLayer.Training.Tests;

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

    private static ModelTrainer Trainer() => new(NullLogger<ModelTrainer>.Instance, new FakeTimeProvider(Now));
}
