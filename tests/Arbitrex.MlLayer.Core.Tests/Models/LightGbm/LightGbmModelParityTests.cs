using Arbitrex.MlLayer.Core.Models.LightGbm;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;

namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

/// <summary>The C# evaluator against the native LightGBM library, row by row, and against the committed reference outputs.</summary>
[Trait("Category", "Unit")]
public sealed class LightGbmModelParityTests
{
    private const double ProbabilityTolerance = 1e-9;
    private const double ContributionTolerance = 1e-7;

    public static TheoryData<string> FixtureModels => [.. LightGbmFixture.ModelNames];

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Probabilities_match_the_native_library_and_the_committed_outputs_to_1e9(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var fixture = LightGbmFixture.Reference(name);
        Assert.Equal(1000, fixture.Rows.Length);
        var native = Native(name, model.FeatureCount, fixture, b => b.PredictProbabilities(Flatten(fixture)));

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            var probability = model.PredictProbability(fixture.Rows[r]);
            Assert.True(Math.Abs(probability - native[r]) <= ProbabilityTolerance, $"{name} row {r}: {probability} vs native {native[r]}");
            Assert.True(
                Math.Abs(probability - fixture.Probabilities[r]) <= ProbabilityTolerance,
                $"{name} row {r}: {probability} vs committed {fixture.Probabilities[r]}");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Raw_scores_match_the_native_library(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var fixture = LightGbmFixture.Reference(name);
        var native = Native(name, model.FeatureCount, fixture, b => b.PredictRawScores(Flatten(fixture)));

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            var margin = model.PredictMargin(fixture.Rows[r]);
            Assert.True(Math.Abs(margin - native[r]) <= ProbabilityTolerance, $"{name} row {r}: {margin} vs native {native[r]}");
            Assert.True(Math.Abs(margin - fixture.RawScores[r]) <= ProbabilityTolerance, $"{name} row {r}: {margin} vs committed {fixture.RawScores[r]}");
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Contributions_match_the_native_library_and_the_committed_outputs_to_1e7(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var fixture = LightGbmFixture.Reference(name);
        var columns = model.ContributionCount;
        var native = Native(name, model.FeatureCount, fixture, b => b.PredictContributions(Flatten(fixture)));
        var contributions = new double[columns];

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            model.PredictContributions(fixture.Rows[r], contributions);
            for (var c = 0; c < columns; c++)
            {
                var expected = native[(r * columns) + c];
                Assert.True(Math.Abs(contributions[c] - expected) <= ContributionTolerance, $"{name} row {r} column {c}: {contributions[c]} vs native {expected}");
                Assert.True(
                    Math.Abs(contributions[c] - fixture.Contributions[r][c]) <= ContributionTolerance,
                    $"{name} row {r} column {c}: {contributions[c]} vs committed {fixture.Contributions[r][c]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(FixtureModels))]
    public void Batch_probabilities_equal_single_row_probabilities(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var fixture = LightGbmFixture.Reference(name);
        var batch = new double[fixture.Rows.Length];

        model.PredictProbabilities(Flatten(fixture), batch);

        for (var r = 0; r < fixture.Rows.Length; r++)
        {
            Assert.Equal(model.PredictProbability(fixture.Rows[r]), batch[r]);
        }
    }

    private static double[] Flatten(LightGbmFixture fixture) => [.. fixture.Rows.SelectMany(r => r)];

    private static double[] Native(string name, int featureCount, LightGbmFixture fixture, Func<NativeLightGbmBooster, double[]> predict)
    {
        var path = LightGbmFixture.ModelFile(name);
        try
        {
            using var booster = NativeLightGbmBooster.Load(path, featureCount);
            Assert.Equal(fixture.FeatureNames.Length, featureCount);
            return predict(booster);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
