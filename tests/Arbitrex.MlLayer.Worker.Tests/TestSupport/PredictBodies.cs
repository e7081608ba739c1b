using System.Text.Json.Nodes;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Request bodies for <c>POST /predict</c> in the seed's shape.</summary>
public static class PredictBodies
{
    public static JsonObject Features() => new(SampleBar.Features().Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value)));

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
