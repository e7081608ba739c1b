using System.Text.Json.Nodes;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Request bodies for <c>POST /predict</c> in the seed's shape.</summary>
public static class PredictBodies
{
    public static JsonObject Features() => new()
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

    public static JsonObject Qse() => new()
    {
        ["signal_valid"] = true,
        ["gates"] = new JsonObject
        {
            ["trend_persistence"] = Gate(true, 0.71),
            ["stationarity"] = Gate(true, 0.02),
            ["z_score"] = Gate(true, 1.8),
            ["autocorrelation"] = Gate(true, 0.21),
            ["signal_validity"] = Gate(true, 1.0),
        },
    };

    public static JsonObject Predict(string symbol = "EURUSD", string barTime = "2025-12-22T12:00:00Z") => new()
    {
        ["symbol"] = symbol,
        ["timeframe"] = "4H",
        ["bar_time"] = barTime,
        ["features"] = Features(),
        ["qse_output"] = Qse(),
    };

    private static JsonObject Gate(bool passed, double value) => new() { ["passed"] = passed, ["value"] = value };
}
