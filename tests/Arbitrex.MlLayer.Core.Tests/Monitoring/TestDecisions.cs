using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

internal static class TestDecisions
{
    public static readonly DateTimeOffset Start = new(2025, 12, 22, 12, 0, 0, TimeSpan.Zero);

    public static MlDecision Make(
        string symbol = "EURUSD",
        string regime = "TRENDING",
        double confidence = 0.8,
        double probability = 0.7,
        bool allowed = true,
        string? reason = null,
        double latencyMs = 1.0,
        string configHash = "eb865791dc659ec1",
        string signalVersion = "v1.0.0") => new()
        {
            DecisionId = Guid.NewGuid().ToString("N"),
            Symbol = symbol,
            Timeframe = "4H",
            BarTime = Start.UtcDateTime,
            Timestamp = Start.UtcDateTime,
            AllowTrade = allowed,
            Regime = new RegimePrediction
            {
                RegimeLabel = regime,
                Confidence = confidence,
                EfficiencyRatio = 0.5,
                Probabilities = new Dictionary<string, double> { [regime] = confidence },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = probability,
                ShouldEnter = allowed,
                ShouldExit = false,
                ConfidenceLevel = "MEDIUM",
                TopFeatures = [],
            },
            DecisionReasons = [reason ?? (allowed ? "All checks passed: TRENDING regime confidence 0.800 > 0.600, signal probability 0.700 > 0.550" : $"Regime not allowed: {regime} (allowed: TRENDING)")],
            QseValid = true,
            ProcessingTimeMs = latencyMs,
            ConfigHash = configHash,
            ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = signalVersion },
        };

    public static void RecordMany(this Arbitrex.MlLayer.Core.Monitoring.MlMonitor monitor, int count, Func<int, MlDecision> make)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.Record(make(i));
        }
    }
}
