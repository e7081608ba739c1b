using Arbitrex.MlLayer.Benchmarks.Reference;
using Arbitrex.MlLayer.Core.Models.LightGbm;
using Arbitrex.MlLayer.Core.Models.Xgboost;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm;
using Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Models.Trees;

[Trait("Category", "Unit")]
public sealed class TreeEnsembleTests
{
    private const int RowsChecked = 200;

    public static TheoryData<string> LightGbmModels => [.. LightGbmFixture.ModelNames];

    public static TheoryData<string> XgboostModels => [.. XgboostFixture.ModelNames];

    [Theory]
    [MemberData(nameof(LightGbmModels))]
    public void Linear_TreeSHAP_equals_Algorithm_2_on_lightgbm_models_to_1e10(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var reference = new LundbergTreeShap(model.Ensemble);
        var rows = LightGbmFixture.Reference(name).Rows.Take(RowsChecked);

        AssertSameContributions(rows, model.ContributionCount, model.PredictContributions, (row, phi) => reference.Contributions(row, 0, phi), name);
    }

    [Theory]
    [MemberData(nameof(XgboostModels))]
    public void Linear_TreeSHAP_equals_Algorithm_2_on_xgboost_models_to_1e10(string name)
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes(name));
        var reference = new LundbergTreeShap(model.Ensemble);
        var rows = XgboostFixture.Reference(name).Rows.Take(RowsChecked);

        AssertSameContributions(rows, model.ContributionCount, model.PredictContributions, (row, phi) => reference.Contributions(row, model.BaseMargin, phi), name);
    }

    [Theory]
    [MemberData(nameof(LightGbmModels))]
    public void Contributions_sum_to_the_raw_score(string name)
    {
        var model = LightGbmModel.Parse(LightGbmFixture.ModelBytes(name));
        var contributions = new double[model.ContributionCount];

        foreach (var row in LightGbmFixture.Reference(name).Rows.Take(RowsChecked))
        {
            model.PredictContributions(row, contributions);
            Assert.Equal(model.PredictMargin(row), contributions.Sum(), 1e-9);
        }
    }

    private delegate void Explain(ReadOnlySpan<double> row, Span<double> contributions);

    private static void AssertSameContributions(IEnumerable<double[]> rows, int count, Explain actual, Explain expected, string name)
    {
        var linear = new double[count];
        var lundberg = new double[count];
        var r = 0;
        foreach (var row in rows)
        {
            actual(row, linear);
            expected(row, lundberg);
            for (var c = 0; c < count; c++)
            {
                Assert.True(Math.Abs(linear[c] - lundberg[c]) <= 1e-10, $"{name} row {r} column {c}: {linear[c]} vs Algorithm 2 {lundberg[c]}");
            }

            r++;
        }
    }
}
