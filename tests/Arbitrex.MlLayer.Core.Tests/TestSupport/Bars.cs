using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Tests.TestSupport;

/// <summary>Inputs for engine tests: a bar that passes every check, and ways to spoil one thing at a time.</summary>
internal static class Bars
{
    public static readonly DateTime BarTime = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>TRENDING with high confidence, strong signal: every check passes with the default config.</summary>
    public static Dictionary<string, double> TrendingFeatures() => SampleBar.Features();

    /// <summary>RANGING: weak efficiency and momentum.</summary>
    public static Dictionary<string, double> RangingFeatures()
    {
        var features = TrendingFeatures();
        features["efficiency_ratio"] = 0.3;
        features["momentum_score"] = 0.1;
        return features;
    }

    /// <summary>STRESSED: extreme volatility percentile.</summary>
    public static Dictionary<string, double> StressedFeatures()
    {
        var features = TrendingFeatures();
        features["volatility_percentile"] = 0.97;
        return features;
    }

    public static QseOutput Qse(string symbol = "EURUSD", string timeframe = "4H", DateTime? barTime = null, bool stationarity = true, bool signalValid = true) => new()
    {
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = barTime ?? BarTime,
        SignalValid = signalValid,
        Gates = new QseGates
        {
            TrendPersistence = new QseGate { Passed = true, Value = 0.71 },
            Stationarity = new QseGate { Passed = stationarity, Value = 0.02 },
            ZScore = new QseGate { Passed = true, Value = 1.8 },
            Autocorrelation = new QseGate { Passed = true, Value = 0.21 },
            SignalValidity = new QseGate { Passed = true, Value = 1.0 },
        },
    };
}
