using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Models.LightGbm;
using Arbitrex.MlLayer.Training.LightGbm;
using Arbitrex.MlLayer.Training.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Arbitrex.MlLayer.Training.Tests.Engine;

/// <summary>The engine's LightGBM reader serves a trained model with Microsoft.ML's probability.</summary>
[Trait("Category", "Unit")]
public sealed class ServedProbabilityTests(ITestOutputHelper output)
{
    [Fact]
    public void The_engine_serves_Microsoft_MLs_probability_on_every_validation_row()
    {
        using var folder = new TempFolder();
        var data = folder.Write("bars.csv", SyntheticDataSet.Csv(1500));
        var result = new ModelTrainer(NullLogger<ModelTrainer>.Instance, new FakeTimeProvider())
            .Train(data, Path.Combine(folder.Path, "out"), new TrainingOptions());

        var served = LightGbmModel.Load(result.ModelPath);
        var engine = result.Model.CreatePredictionEngine();
        var worst = 0.0;
        foreach (var row in result.Split.Validation)
        {
            var expected = engine.Predict(MlNetExample.From(row)).Probability;
            worst = Math.Max(worst, Math.Abs(served.PredictProbability([.. row.Features]) - expected));
        }

        output.WriteLine($"{result.Split.Validation.Count} validation rows, largest |engine - Microsoft.ML| = {worst:R}");
        Assert.True(worst <= 1e-6, $"largest difference {worst:R}");
        Assert.Equal(CanonicalFeatures.All, served.FeatureNames);
    }
}
