using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Testing;

/// <summary>The one example bar of tests, benchmarks and the README's /predict example: all 16 canonical features, every QSE gate passed; TRENDING and allowed under the default config.</summary>
public static class SampleBar
{
    public static readonly DateTime BarTime = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    public static Dictionary<string, double> Features() => new(StringComparer.Ordinal)
    {
        ["momentum_score"] = 0.6,
        ["efficiency_ratio"] = 0.7,
        ["volatility"] = 0.006,
        ["volatility_percentile"] = 0.4,
        ["correlation"] = 0.3,
        ["trend_strength"] = 0.7,
        ["rsi"] = 60,
        ["z_score"] = 1.0,
        ["autocorrelation"] = 0.2,
        ["hurst_exponent"] = 0.6,
        ["atr_ratio"] = 1.0,
        ["volume_ratio"] = 1.2,
        ["spread_bps"] = 1.5,
        ["range_compression"] = 0.5,
        ["drawdown"] = 0.02,
        ["skewness"] = 0.1,
    };

    public static QseOutput Qse(string symbol, string timeframe) => new()
    {
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = BarTime,
        SignalValid = true,
        Gates = new QseGates
        {
            TrendPersistence = new QseGate { Passed = true, Value = 0.71 },
            Stationarity = new QseGate { Passed = true, Value = 0.02 },
            ZScore = new QseGate { Passed = true, Value = 1.8 },
            Autocorrelation = new QseGate { Passed = true, Value = 0.21 },
            SignalValidity = new QseGate { Passed = true, Value = 1.0 },
        },
    };
}
