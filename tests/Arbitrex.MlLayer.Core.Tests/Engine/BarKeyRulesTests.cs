using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

[Trait("Category", "Unit")]
public sealed class BarKeyRulesTests
{
    private static readonly DateTime Now = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("15M", 15, false)]
    [InlineData("15M", 16, true)]
    [InlineData("1W", 7 * 24 * 60, false)]
    [InlineData("4H", -100_000, false)]
    public void A_bar_time_may_be_ahead_of_the_clock_by_one_bar_length_by_default(string timeframe, int minutesAhead, bool refused)
    {
        var error = Record.Exception(() => BarKeyRules.RequireNotAhead(timeframe, Now.AddMinutes(minutesAhead), Now, new BarTimeOptions()));

        Assert.Equal(refused, error is InvalidInputException { Field: "bar_time" });
        Assert.True(refused || error is null);
    }

    [Fact]
    public void A_configured_skew_replaces_the_bar_length()
    {
        var options = new BarTimeOptions { MaxBarTimeSkew = TimeSpan.Zero };

        var error = Assert.Throws<InvalidInputException>(() => BarKeyRules.RequireNotAhead("1D", Now.AddSeconds(1), Now, options));

        Assert.Contains("Engine:MaxBarTimeSkew", error.Message, StringComparison.Ordinal);
    }
}
