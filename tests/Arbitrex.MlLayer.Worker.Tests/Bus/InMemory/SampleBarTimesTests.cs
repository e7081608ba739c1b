using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.InMemory;

[Trait("Category", "Unit")]
public sealed class SampleBarTimesTests
{
    [Fact]
    public void Bars_an_earlier_run_decided_are_skipped()
    {
        var length = TimeSpan.FromHours(4);
        var start = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
        var recent = new RecentDecisions(100);
        recent.Add(new BarKey("EURUSD", "4H", start), "a");
        recent.Add(new BarKey("GBPUSD", "4H", start + length), "b");

        Assert.Equal(start + (2 * length), SampleBarTimes.FirstUndecided(start, length, ["EURUSD", "GBPUSD"], "4H", recent));
        Assert.Equal(start + (2 * length), SampleBarTimes.FirstUndecided(start + (2 * length), length, ["EURUSD", "GBPUSD"], "4H", recent));
    }
}
