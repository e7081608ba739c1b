using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

public sealed class DecisionIdsTests
{
    private static readonly DateTime Bar = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Same_bar_gives_the_same_id_whatever_the_offset_it_was_written_with()
    {
        var local = DateTimeOffset.Parse("2025-12-22T14:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;

        Assert.Equal(DecisionIds.For("EURUSD", "4H", Bar), DecisionIds.For("EURUSD", "4H", local));
        Assert.Matches("^[0-9a-f]{32}$", DecisionIds.For("EURUSD", "4H", Bar));
    }

    [Fact]
    public void Different_bars_give_different_ids()
    {
        var ids = new[]
        {
            DecisionIds.For("EURUSD", "4H", Bar),
            DecisionIds.For("GBPUSD", "4H", Bar),
            DecisionIds.For("EURUSD", "1H", Bar),
            DecisionIds.For("EURUSD", "4H", Bar.AddHours(4)),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
