using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class SyntheticBarsTests
{
    private static FeedOptions Options(bool shuffle) =>
        FeedOptions.Parse(["synthetic", "--symbols", "EURUSD,GBPUSD", "--bars", "3", "--timeframe", "4H", "--seed", "5"]) with { Shuffle = shuffle };

    [Fact]
    public void Every_bar_of_every_symbol_comes_as_both_halves_with_all_canonical_features()
    {
        var halves = SyntheticBars.Generate(Options(shuffle: false)).ToList();

        Assert.Equal(12, halves.Count);
        Assert.All(halves.GroupBy(h => h.BarKey), bar => Assert.Equal(2, bar.Count()));
        Assert.All(halves.Where(h => h.Features is not null), h => Assert.Equal(CanonicalFeatures.All.Order(), h.Features!.Features.Keys.Order()));
        Assert.Equal(
            ["EURUSD|4H|2025-12-22T00:00:00Z", "GBPUSD|4H|2025-12-22T00:00:00Z", "EURUSD|4H|2025-12-22T04:00:00Z"],
            halves.Select(h => h.BarKey).Distinct().Take(3));
    }

    [Fact]
    public void Shuffling_puts_some_qse_halves_first_and_the_same_seed_gives_the_same_bars()
    {
        var shuffled = SyntheticBars.Generate(Options(shuffle: true)).ToList();
        var again = SyntheticBars.Generate(Options(shuffle: true)).ToList();

        Assert.Contains(shuffled.Chunk(2), pair => pair[0].Qse is not null);
        Assert.Contains(shuffled.Chunk(2), pair => pair[0].Features is not null);
        Assert.Equal(shuffled.Select(h => h.BarKey + (h.Features is null ? "Q" : "F")), again.Select(h => h.BarKey + (h.Features is null ? "Q" : "F")));
    }

    [Theory]
    [InlineData("15M", 15 * 60)]
    [InlineData("4H", 4 * 3600)]
    [InlineData("1D", 86400)]
    public void Timeframes_step_the_bar_time(string timeframe, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), SyntheticBars.Step(timeframe));
    }

    [Fact]
    public void An_unknown_timeframe_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SyntheticBars.Step("4X"));
    }
}
