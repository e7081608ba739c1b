namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// Regime classifier settings. Threshold overrides left null use the active model file's values,
/// so a rule-based model stays self-describing while operators can still tune it live.
/// </summary>
public sealed record RegimeConfig
{
    /// <summary>Volatility percentile at or above which the market is STRESSED.</summary>
    public double? StressedVolatilityPercentile { get; init; }

    /// <summary>Efficiency ratio at or above which (with momentum) the market is TRENDING.</summary>
    public double? TrendingEfficiencyRatio { get; init; }

    /// <summary>Absolute momentum score at or above which (with efficiency) the market is TRENDING.</summary>
    public double? TrendingMomentum { get; init; }

    public bool SmoothingEnabled { get; init; } = true;

    /// <summary>Consecutive bars a new label must persist before the reported regime changes.</summary>
    public int SmoothingBars { get; init; } = 3;
}
