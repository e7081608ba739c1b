using Arbitrex.MlLayer.Core.Models.Xgboost;

namespace Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

[Trait("Category", "Unit")]
public sealed class ContributionRankingTests
{
    [Fact]
    public void Picks_the_largest_absolute_contributions_largest_first()
    {
        double[] contributions = [0.1, -0.9, 0.3, 0.0, 0.5, -0.2, 0.05];
        var top = new int[3];

        var count = ContributionRanking.SelectTop(contributions, top);

        Assert.Equal(3, count);
        Assert.Equal([1, 4, 2], top);
    }

    [Fact]
    public void Returns_fewer_than_asked_when_there_are_fewer_features()
    {
        double[] contributions = [0.2, -0.4];
        var top = new int[5];

        var count = ContributionRanking.SelectTop(contributions, top);

        Assert.Equal(2, count);
        Assert.Equal([1, 0], top[..count]);
    }

    [Fact]
    public void Ties_keep_the_lower_index_first()
    {
        double[] contributions = [0.3, -0.3, 0.3, 0.1];
        var top = new int[2];

        ContributionRanking.SelectTop(contributions, top);

        Assert.Equal([0, 1], top);
    }

    [Fact]
    public void Agrees_with_a_full_sort_on_real_contributions()
    {
        var model = XgboostModel.Parse(XgboostFixture.ModelBytes("depth6_trees100"));
        var fixture = XgboostFixture.Reference("depth6_trees100");
        var contributions = new double[model.ContributionCount];
        var top = new int[5];
        foreach (var row in fixture.Rows.Take(200))
        {
            model.PredictContributions(row, contributions);
            var features = contributions.AsSpan(0, model.FeatureCount);

            ContributionRanking.SelectTop(features, top);

            var expected = features.ToArray().Select((v, i) => (Magnitude: Math.Abs(v), Index: i))
                .OrderByDescending(p => p.Magnitude).ThenBy(p => p.Index).Take(5).Select(p => p.Index);
            Assert.Equal(expected, top);
        }
    }
}
