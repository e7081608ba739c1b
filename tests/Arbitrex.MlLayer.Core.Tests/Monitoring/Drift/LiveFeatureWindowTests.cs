using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

[Trait("Category", "Unit")]
public sealed class LiveFeatureWindowTests
{
    [Fact]
    public void The_window_keeps_the_latest_bars_oldest_first_once_it_wraps()
    {
        var window = new LiveFeatureWindow(capacity: 3);
        var bars = LiveBars.Stream(seed: 5, count: 5);

        foreach (var bar in bars)
        {
            window.Add(bar, 0.5, "v1.0.0");
        }

        var copy = window.Copy();
        Assert.Equal(3, copy.Bars);
        Assert.Equal(bars.Skip(2).Select(b => b["rsi"]), copy.Features["rsi"]);
        Assert.Equal(bars.Skip(4).Select(b => b["rsi"]), window.Copy(bars: 1).Features["rsi"]);
        Assert.Equal(5, window.Version);
    }

    [Fact]
    public void Probabilities_start_again_when_another_signal_filter_version_decides()
    {
        var window = new LiveFeatureWindow(capacity: 10);
        var bars = LiveBars.Stream(seed: 6, count: 4);

        window.Add(bars[0], 0.1, "v1.0.0");
        window.Add(bars[1], 0.2, "v1.0.0");
        window.Add(bars[2], 0.3, "v1.1.0");
        window.Add(bars[3], 0.4, "v1.1.0");

        var copy = window.Copy();
        Assert.Equal(4, copy.Bars);
        Assert.Equal([0.3, 0.4], copy.Probabilities);
        Assert.Equal("v1.1.0", copy.SignalFilterVersion);
    }

    [Fact]
    public void A_feature_missing_from_a_bar_is_left_out_of_that_feature_only()
    {
        var window = new LiveFeatureWindow(capacity: 10);
        var bar = LiveBars.Stream(seed: 7, count: 1)[0];

        window.Add(bar.Where(f => f.Key != "rsi").ToDictionary(), 0.5, "v1.0.0");

        Assert.Empty(window.Copy().Features["rsi"]);
        Assert.Single(window.Copy().Features["volatility"]);
    }
}
