using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class RegimeSmootherTests
{
    private static readonly DateTime Start = new(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void First_bar_of_a_key_reports_its_raw_label()
    {
        Assert.Equal(MarketRegime.Stressed, new RegimeSmoother().Smooth("A", "4H", Start, MarketRegime.Stressed, 3));
    }

    [Fact]
    public void An_interrupted_run_starts_counting_again()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 2);

        var labels = Feed(smoother, 2, MarketRegime.Ranging, MarketRegime.Trending, MarketRegime.Ranging, MarketRegime.Ranging);

        Assert.Equal([MarketRegime.Trending, MarketRegime.Trending, MarketRegime.Trending, MarketRegime.Ranging], labels);
    }

    [Fact]
    public void Alternating_candidates_never_flip_the_label()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 2);

        var labels = Feed(smoother, 2, MarketRegime.Ranging, MarketRegime.Stressed, MarketRegime.Ranging, MarketRegime.Stressed);

        Assert.All(labels, l => Assert.Equal(MarketRegime.Trending, l));
    }

    [Fact]
    public void One_smoothing_bar_follows_the_raw_label()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 1);

        Assert.Equal(MarketRegime.Stressed, smoother.Smooth("A", "4H", Start.AddHours(4), MarketRegime.Stressed, 1));
    }

    [Fact]
    public void The_same_bar_seen_again_counts_once_and_reports_what_it_reported()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 2);
        var bar = Start.AddHours(4);

        var first = smoother.Smooth("A", "4H", bar, MarketRegime.Stressed, 2);
        var again = smoother.Smooth("A", "4H", bar, MarketRegime.Stressed, 2);
        var next = smoother.Smooth("A", "4H", bar.AddHours(4), MarketRegime.Stressed, 2);

        // Counted twice, the repeated bar would have flipped the label to STRESSED already.
        Assert.Equal([MarketRegime.Trending, MarketRegime.Trending, MarketRegime.Stressed], [first, again, next]);
    }

    [Fact]
    public void An_older_bar_is_answered_without_moving_the_state()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start.AddHours(8), MarketRegime.Trending, 2);

        var late = smoother.Smooth("A", "4H", Start, MarketRegime.Stressed, 1);
        var next = smoother.Smooth("A", "4H", Start.AddHours(12), MarketRegime.Stressed, 2);

        Assert.Equal(MarketRegime.Stressed, late);
        Assert.Equal(MarketRegime.Trending, next);
    }

    [Fact]
    public void Peek_answers_as_the_next_bar_would_and_changes_nothing()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 2);
        smoother.Smooth("A", "4H", Start.AddHours(4), MarketRegime.Stressed, 2);

        var peeks = Enumerable.Range(0, 5).Select(_ => smoother.Peek("A", "4H", MarketRegime.Ranging, 2)).ToArray();
        var peekOfRun = smoother.Peek("A", "4H", MarketRegime.Stressed, 2);
        var unknownKey = smoother.Peek("B", "4H", MarketRegime.Ranging, 2);

        Assert.All(peeks, l => Assert.Equal(MarketRegime.Trending, l));
        Assert.Equal(MarketRegime.Stressed, peekOfRun);
        Assert.Equal(MarketRegime.Ranging, unknownKey);
        Assert.Equal(1, smoother.TrackedKeys);
        Assert.Equal(MarketRegime.Trending, smoother.Smooth("A", "4H", Start.AddHours(8), MarketRegime.Ranging, 2));
    }

    [Fact]
    public void Reset_forgets_every_key()
    {
        var smoother = new RegimeSmoother();
        smoother.Smooth("A", "4H", Start, MarketRegime.Trending, 3);
        smoother.Smooth("B", "4H", Start, MarketRegime.Trending, 3);

        smoother.Reset();

        Assert.Equal(0, smoother.TrackedKeys);
        Assert.Equal(MarketRegime.Stressed, smoother.Smooth("A", "4H", Start, MarketRegime.Stressed, 3));
    }

    /// <summary>Feeds one raw label per 4H bar after <see cref="Start"/>.</summary>
    private static MarketRegime[] Feed(RegimeSmoother smoother, int bars, params MarketRegime[] raws) =>
        [.. raws.Select((raw, i) => smoother.Smooth("A", "4H", Start.AddHours(4 * (i + 1)), raw, bars))];
}
