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
}
