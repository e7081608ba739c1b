using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Bars for tests: all 16 canonical features and five passing gates.</summary>
internal static class Bars
{
    public static readonly DateTime Start = new(2025, 12, 22, 0, 0, 0, DateTimeKind.Utc);

    public static FeatureSnapshot Features(string symbol, int bar, string timeframe = "4H", double momentum = 0.4) => new()
    {
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = Start.AddHours(4 * bar),
        Features = CanonicalFeatures.All.ToDictionary(n => n, n => n == CanonicalFeatures.MomentumScore ? momentum : 0.5),
    };

    public static QseOutput Qse(string symbol, int bar, string timeframe = "4H")
    {
        var gate = new QseGate { Passed = true, Value = 0.5 };
        return new QseOutput
        {
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = Start.AddHours(4 * bar),
            SignalValid = true,
            Gates = new QseGates { TrendPersistence = gate, Stationarity = gate, ZScore = gate, Autocorrelation = gate, SignalValidity = gate },
        };
    }

    public static string Id(string symbol, int bar, string timeframe = "4H") =>
        DeterministicEngine.DecisionId(symbol, timeframe, Start.AddHours(4 * bar));

    public static byte[] Json<T>(T message) => JsonSerializer.SerializeToUtf8Bytes(message, ContractJson.Options);
}
