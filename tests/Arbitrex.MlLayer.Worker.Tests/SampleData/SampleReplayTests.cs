using System.Globalization;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.SampleData;

namespace Arbitrex.MlLayer.Worker.Tests.SampleData;

[Trait("Category", "Unit")]
public sealed class SampleReplayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 13, 47, 12, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Theory]
    [InlineData("1M", "2026-11-26T13:47:00Z")]
    [InlineData("15M", "2026-11-26T13:45:00Z")]
    [InlineData("4H", "2026-11-26T12:00:00Z")]
    [InlineData("1D", "2026-11-26T00:00:00Z")]
    [InlineData("1W", "2026-11-23T00:00:00Z")]
    public void The_current_bar_is_aligned_to_its_timeframe(string timeframe, string expected)
    {
        var current = new SampleReplay(Timeframes.Length(timeframe), historyBars: 0).Floor(Now);

        Assert.Equal(DateTime.Parse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), current);
        Assert.Equal(DateTimeKind.Utc, current.Kind);
    }

    [Fact]
    public void The_replay_starts_its_history_of_bars_back_from_the_current_one()
    {
        var replay = new SampleReplay(TimeSpan.FromMinutes(1), historyBars: 720);

        Assert.Equal(new DateTime(2026, 11, 26, 1, 47, 0, DateTimeKind.Utc), replay.FirstBar(Now));
    }

    [Fact]
    public void A_closed_bar_waits_only_the_replay_interval_and_the_current_bar_waits_until_it_closes()
    {
        var replay = new SampleReplay(TimeSpan.FromMinutes(1), historyBars: 720);
        var current = replay.Floor(Now);

        Assert.Equal(Interval, replay.DelayBefore(replay.FirstBar(Now), Now, Interval));
        Assert.Equal(Interval, replay.DelayBefore(current.AddMinutes(-1), Now, Interval));
        Assert.Equal(TimeSpan.FromSeconds(48), replay.DelayBefore(current, Now, Interval));
    }
}
