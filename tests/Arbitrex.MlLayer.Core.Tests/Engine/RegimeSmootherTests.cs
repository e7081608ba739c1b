using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

public sealed class RegimeSmootherTests
{
    [Fact]
    public void First_bar_of_a_key_reports_its_raw_label()
    {
        Assert.Equal(MarketRegime.Stressed, new RegimeSmoother().Smooth("A", "4H", MarketRegime.Stressed, 3));
    }

    [Fact]
    public void An_interrupted_run_starts_counting_again()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", MarketRegime.Trending, 2);

        var labels = new[] { MarketRegime.Ranging, MarketRegime.Trending, MarketRegime.Ranging, MarketRegime.Ranging }
            .Select(raw => smoother.Smooth("A", "4H", raw, 2)).ToArray();

        Assert.Equal([MarketRegime.Trending, MarketRegime.Trending, MarketRegime.Trending, MarketRegime.Ranging], labels);
    }

    [Fact]
    public void Alternating_candidates_never_flip_the_label()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", MarketRegime.Trending, 2);

        var labels = new[] { MarketRegime.Ranging, MarketRegime.Stressed, MarketRegime.Ranging, MarketRegime.Stressed }
            .Select(raw => smoother.Smooth("A", "4H", raw, 2)).ToArray();

        Assert.All(labels, l => Assert.Equal(MarketRegime.Trending, l));
    }

    [Fact]
    public void One_smoothing_bar_follows_the_raw_label()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", MarketRegime.Trending, 1);

        Assert.Equal(MarketRegime.Stressed, smoother.Smooth("A", "4H", MarketRegime.Stressed, 1));
    }

    [Fact]
    public void Reset_forgets_every_key()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", MarketRegime.Trending, 3);
        smoother.Smooth("B", "4H", MarketRegime.Trending, 3);

        smoother.Reset();

        Assert.Equal(0, smoother.TrackedKeys);
        Assert.Equal(MarketRegime.Stressed, smoother.Smooth("A", "4H", MarketRegime.Stressed, 3));
    }
}
