using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

public sealed class ReasonCategoryTests
{
    [Theory]
    [InlineData("Regime not allowed: RANGING", "Regime not allowed")]
    [InlineData("QSE invalid: z_score, stationarity", "QSE invalid")]
    [InlineData("Regime confidence 0.55 <= min_regime_confidence 0.60", "Regime confidence")]
    [InlineData("Signal probability 0.472 <= 0.55", "Signal probability")]
    [InlineData("Allowed: all checks passed", "Allowed")]
    [InlineData("Join timeout: qse_output did not arrive within 00:00:30", "Join timeout")]
    [InlineData("All checks passed", "All checks passed")]
    [InlineData("  : 12", "unspecified")]
    [InlineData("", "unspecified")]
    public void Reasons_reduce_to_the_text_before_the_first_colon_or_number(string reason, string category) =>
        Assert.Equal(category, ReasonCategory.Of(reason).ToString());
}
