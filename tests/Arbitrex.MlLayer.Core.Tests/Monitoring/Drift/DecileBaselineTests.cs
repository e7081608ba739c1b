using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

[Trait("Category", "Unit")]
public sealed class DecileBaselineTests
{
    [Fact]
    public void Edges_are_numpys_linear_quantiles_and_counts_fill_the_bins_between_them()
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9];

        var baseline = DecileBaseline.Of(values);

        // numpy.quantile(values, numpy.linspace(0, 1, 11)).
        double[] expected = [1.0, 1.4, 2.8, 3.2, 4.6, 5.0, 5.4, 6.8, 8.2, 9.0, 9.0];
        Assert.Equal(expected.Length, baseline.Edges.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], baseline.Edges[i], 1e-12);
        }

        Assert.Equal([2, 1, 2, 1, 3, 0, 1, 2, 3, 0], baseline.Counts);
    }

    [Fact]
    public void Values_outside_the_edges_fall_in_the_first_or_last_bin()
    {
        var baseline = DecileBaseline.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal(0, DecileBaseline.BinOf(baseline.Edges, -5));
        Assert.Equal(9, DecileBaseline.BinOf(baseline.Edges, 500));
        Assert.All(baseline.Counts, c => Assert.Equal(10, c));
    }
}
