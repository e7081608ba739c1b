namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>The three market regimes; the order is the order of probability vectors.</summary>
public enum MarketRegime
{
    Trending = 0,
    Ranging = 1,
    Stressed = 2,
}
