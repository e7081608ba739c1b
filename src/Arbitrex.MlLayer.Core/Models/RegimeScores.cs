using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>A regime model's raw (unsmoothed) verdict: its label and a probability per regime, summing to 1.</summary>
public readonly record struct RegimeScores(MarketRegime Label, double Trending, double Ranging, double Stressed)
{
    public double ProbabilityOf(MarketRegime regime) => regime switch
    {
        MarketRegime.Trending => Trending,
        MarketRegime.Ranging => Ranging,
        _ => Stressed,
    };
}
