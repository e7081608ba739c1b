namespace Arbitrex.MlLayer.Feed.Tests;

[Trait("Category", "Unit")]
public sealed class DecisionArrivalsTests
{
    private static readonly string Ours = BarHalf.Key("SYN000", "4H", new DateTime(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc));
    private static readonly string Theirs = BarHalf.Key("EURUSD", "4H", new DateTime(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Decisions_for_bars_this_run_did_not_publish_are_not_counted()
    {
        var arrivals = new DecisionArrivals();
        arrivals.Expect(Ours);

        arrivals.Record(Theirs, 10);
        arrivals.Record(Theirs, 11);

        Assert.Equal(0, arrivals.Count);
        Assert.Equal(0, arrivals.Duplicates);
        Assert.False(arrivals.TryGetArrival(Theirs, out _));
    }

    [Fact]
    public void The_first_decision_of_a_bar_sets_its_arrival_and_later_ones_count_as_duplicates()
    {
        var arrivals = new DecisionArrivals();
        arrivals.Expect(Ours);

        arrivals.Record(Ours, 10);
        arrivals.Record(Ours, 20);

        Assert.Equal(1, arrivals.Count);
        Assert.Equal(1, arrivals.Duplicates);
        Assert.True(arrivals.TryGetArrival(Ours, out var first));
        Assert.Equal(10, first);
    }
}
