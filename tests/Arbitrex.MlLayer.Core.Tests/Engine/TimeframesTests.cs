using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class TimeframesTests
{
    [Fact]
    public void Every_supported_timeframe_has_a_length()
    {
        Assert.All(Timeframes.Supported, tf => Assert.True(Timeframes.Length(tf) > TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromDays(7), Timeframes.Length("1W"));
        Assert.Equal(TimeSpan.FromMinutes(30), Timeframes.Length("30M"));
    }
}
