using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Testing;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>The decisions and inputs the audit benchmarks log: 16 features, the sample bar's QSE gates, five top features.</summary>
internal static class AuditSamples
{
    public static Dictionary<string, double> Features() =>
        CanonicalFeatures.All.Select((name, i) => (name, value: 0.1 + (i * 0.037))).ToDictionary(p => p.name, p => p.value, StringComparer.Ordinal);

    public static QseOutput Qse() => SampleBar.Qse("EURUSD", "4H");

    public static MlDecision[] Decisions(int count, IReadOnlyDictionary<string, double> features) =>
        Enumerable.Range(0, count).Select(i => new MlDecision
        {
            DecisionId = string.Create(CultureInfo.InvariantCulture, $"EURUSD-4H-{i:D8}"),
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = SampleBar.BarTime,
            Timestamp = SampleBar.BarTime.AddMilliseconds(187),
            AllowTrade = false,
            Regime = new RegimePrediction
            {
                RegimeLabel = "RANGING",
                Confidence = 0.5,
                EfficiencyRatio = 0.31,
                Probabilities = new Dictionary<string, double>(StringComparer.Ordinal) { ["TRENDING"] = 0.3, ["RANGING"] = 0.5, ["STRESSED"] = 0.2 },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.472,
                ShouldEnter = false,
                ShouldExit = false,
                ConfidenceLevel = "LOW",
                TopFeatures = [.. features.Take(5).Select(f => new FeatureContribution { Name = f.Key, Importance = f.Value })],
            },
            DecisionReasons = ["Regime not allowed: RANGING"],
            QseValid = true,
            ProcessingTimeMs = 0.004,
            ConfigHash = "eb865791dc659ec1",
            ModelVersions = new Dictionary<string, string>(StringComparer.Ordinal) { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v1.0.0" },
        }).ToArray();
}
