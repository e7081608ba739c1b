using System.Collections.Frozen;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// The finite range each input number of a bar may take: what a real <c>FeatureSnapshot</c> and <c>QseOutput</c>
/// can carry. A value outside its range (or NaN, ±Infinity) is refused with the field named, so every model
/// only ever sees bounded inputs and its outputs stay finite. Bounds are inclusive and deliberately generous:
/// they refuse what cannot be a measurement (1e308, a negative volatility), not what is merely unusual.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>feature</term><description>range, and why</description></listheader>
/// <item><term>momentum_score</term><description>[-100, 100]: a normalised return; the feature engine emits about [-1, 1]</description></item>
/// <item><term>efficiency_ratio</term><description>[0, 1]: Kaufman's ratio |net move| / path length</description></item>
/// <item><term>volatility</term><description>[0, 10]: per-bar return standard deviation as a fraction (10 = 1,000 %)</description></item>
/// <item><term>volatility_percentile</term><description>[0, 1]: a percentile</description></item>
/// <item><term>correlation</term><description>[-1, 1]: a correlation coefficient</description></item>
/// <item><term>trend_strength</term><description>[0, 100]: 0–1 normalised, or ADX-style 0–100</description></item>
/// <item><term>rsi</term><description>[0, 100]: Wilder's RSI</description></item>
/// <item><term>z_score</term><description>[-100, 100]: standard deviations from the mean</description></item>
/// <item><term>autocorrelation</term><description>[-1, 1]: a correlation coefficient</description></item>
/// <item><term>hurst_exponent</term><description>[0, 1]: the Hurst exponent</description></item>
/// <item><term>atr_ratio</term><description>[0, 100]: current ATR over its average</description></item>
/// <item><term>volume_ratio</term><description>[0, 1000]: current volume over its average</description></item>
/// <item><term>spread_bps</term><description>[0, 10000]: bid/ask spread in basis points (10,000 = 100 %)</description></item>
/// <item><term>range_compression</term><description>[0, 100]: current range over its average</description></item>
/// <item><term>drawdown</term><description>[-1, 1]: fraction off the peak, in either sign convention</description></item>
/// <item><term>skewness</term><description>[-100, 100]: sample skewness of returns</description></item>
/// </list>
/// QSE gate values: <c>trend_persistence</c> [-1, 1], <c>stationarity</c> [-1000, 1000] (a p-value or a test
/// statistic), <c>z_score</c> [-100, 100], <c>autocorrelation</c> [-1, 1], <c>signal_validity</c> [0, 1].
/// A feature outside the 16 is not read by any model; it only has to be finite.
/// </remarks>
public static class FeatureRanges
{
    private static readonly FrozenDictionary<string, FeatureRange> Features = new Dictionary<string, FeatureRange>(StringComparer.Ordinal)
    {
        [CanonicalFeatures.MomentumScore] = new(-100, 100),
        [CanonicalFeatures.EfficiencyRatio] = new(0, 1),
        [CanonicalFeatures.Volatility] = new(0, 10),
        [CanonicalFeatures.VolatilityPercentile] = new(0, 1),
        ["correlation"] = new(-1, 1),
        ["trend_strength"] = new(0, 100),
        ["rsi"] = new(0, 100),
        ["z_score"] = new(-100, 100),
        ["autocorrelation"] = new(-1, 1),
        ["hurst_exponent"] = new(0, 1),
        ["atr_ratio"] = new(0, 100),
        ["volume_ratio"] = new(0, 1000),
        ["spread_bps"] = new(0, 10_000),
        ["range_compression"] = new(0, 100),
        ["drawdown"] = new(-1, 1),
        ["skewness"] = new(-100, 100),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FeatureRange[] ByIndex = [.. CanonicalFeatures.All.Select(name => Features[name])];

    private static readonly FrozenDictionary<string, FeatureRange> Gates = new Dictionary<string, FeatureRange>(StringComparer.Ordinal)
    {
        ["trend_persistence"] = new(-1, 1),
        ["stationarity"] = new(-1000, 1000),
        ["z_score"] = new(-100, 100),
        ["autocorrelation"] = new(-1, 1),
        ["signal_validity"] = new(0, 1),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The range of a canonical feature, by its position in <see cref="CanonicalFeatures.All"/>.</summary>
    public static FeatureRange OfCanonical(int index) => ByIndex[index];

    /// <summary>The range of a canonical feature, or false for a name outside the 16.</summary>
    public static bool TryGet(string feature, out FeatureRange range) => Features.TryGetValue(feature, out range);

    /// <summary>The range of a QSE gate's value (<c>trend_persistence</c>, <c>stationarity</c>, <c>z_score</c>, <c>autocorrelation</c>, <c>signal_validity</c>).</summary>
    /// <exception cref="KeyNotFoundException">Not one of the five gates.</exception>
    public static FeatureRange OfGate(string gate) => Gates[gate];
}
