using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Plausible synthetic bars (all 16 canonical features, five QSE gates) for the embedded demo.</summary>
internal static class SampleBars
{
    public static (FeatureSnapshot Features, QseOutput Qse) Create(string symbol, string timeframe, DateTime barTime, Random random)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in CanonicalFeatures.All)
        {
            features[name] = Math.Round(random.NextDouble(), 4);
        }

        features[CanonicalFeatures.Volatility] = Math.Round(0.002 + (random.NextDouble() * 0.01), 5);
        features["rsi"] = Math.Round(20 + (random.NextDouble() * 60), 2);
        features["z_score"] = Math.Round((random.NextDouble() * 4) - 2, 3);
        features[CanonicalFeatures.MomentumScore] = Math.Round((random.NextDouble() * 2) - 1, 4);

        QseGate Gate(double value, bool passed) => new() { Passed = passed, Value = Math.Round(value, 4) };
        var trend = random.NextDouble();
        var gates = new QseGates
        {
            TrendPersistence = Gate(trend, trend > 0.3),
            Stationarity = Gate(random.NextDouble() * 0.1, true),
            ZScore = Gate(features["z_score"], Math.Abs(features["z_score"]) > 0.5),
            Autocorrelation = Gate(random.NextDouble() * 0.5, true),
            SignalValidity = Gate(1.0, true),
        };
        var snapshot = new FeatureSnapshot { Symbol = symbol, Timeframe = timeframe, BarTime = barTime, Features = features };
        var qse = new QseOutput
        {
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTime,
            SignalValid = gates.TrendPersistence.Passed && gates.ZScore.Passed,
            Gates = gates,
        };
        return (snapshot, qse);
    }
}
