using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.InMemory;

public sealed class SampleBarTimesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 13, 47, 12, TimeSpan.Zero);

    [Theory]
    [InlineData("15M", "2026-11-26T13:45:00Z")]
    [InlineData("4H", "2026-11-26T12:00:00Z")]
    [InlineData("1D", "2026-11-26T00:00:00Z")]
    [InlineData("1W", "2026-11-23T00:00:00Z")]
    public void A_run_starts_at_the_current_bar_of_its_timeframe(string timeframe, string expected)
    {
        var start = SampleBarTimes.Floor(Now, Timeframes.Length(timeframe));

        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), start);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void Bars_an_earlier_run_decided_are_skipped()
    {
        var length = TimeSpan.FromHours(4);
        var start = SampleBarTimes.Floor(Now, length);
        var recent = new RecentDecisions(100);
        recent.Add(new BarKey("EURUSD", "4H", start), "a");
        recent.Add(new BarKey("GBPUSD", "4H", start + length), "b");

        Assert.Equal(start + (2 * length), SampleBarTimes.FirstUndecided(start, length, ["EURUSD", "GBPUSD"], "4H", recent));
        Assert.Equal(start + (2 * length), SampleBarTimes.FirstUndecided(start + (2 * length), length, ["EURUSD", "GBPUSD"], "4H", recent));
    }
}
