namespace Arbitrex.MlLayer.Contracts;

/// <summary>The 16 features the feature engine publishes, in their canonical order.</summary>
public static class CanonicalFeatures
{
    public const string MomentumScore = "momentum_score";
    public const string EfficiencyRatio = "efficiency_ratio";
    public const string Volatility = "volatility";
    public const string VolatilityPercentile = "volatility_percentile";

    public static IReadOnlyList<string> All { get; } =
    [
        MomentumScore, EfficiencyRatio, Volatility, VolatilityPercentile,
        "correlation", "trend_strength", "rsi", "z_score", "autocorrelation", "hurst_exponent",
        "atr_ratio", "volume_ratio", "spread_bps", "range_compression", "drawdown", "skewness",
    ];

    /// <summary>Position of <paramref name="name"/> in <see cref="All"/>, or -1 when it is not a canonical feature.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
