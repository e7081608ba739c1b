using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>Decisions, inputs and writers for the audit tests.</summary>
internal static class AuditTestData
{
    public static readonly DateTime Day1 = new(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);

    public static Dictionary<string, double> Features(int i)
    {
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var f = 0; f < CanonicalFeatures.All.Count; f++)
        {
            features[CanonicalFeatures.All[f]] = Math.Round(Math.Sin(i + f) / 3.0, 6);
        }

        features[CanonicalFeatures.MomentumScore] = (i % 100) / 100.0;
        return features;
    }

    public static QseOutput Qse(string symbol, DateTime barTime, bool valid = true) => new()
    {
        Symbol = symbol,
        Timeframe = "4H",
        BarTime = barTime,
        SignalValid = valid,
        Gates = new QseGates
        {
            TrendPersistence = new QseGate { Passed = true, Value = 0.71 },
            Stationarity = new QseGate { Passed = valid, Value = 0.02 },
            ZScore = new QseGate { Passed = true, Value = 1.8 },
            Autocorrelation = new QseGate { Passed = true, Value = 0.21 },
            SignalValidity = new QseGate { Passed = true, Value = 1.0 },
        },
    };

    public static MlDecision Decision(int i, string symbol = "EURUSD", bool allowed = false, string regime = "RANGING")
    {
        var barTime = Day1.AddHours(4 * i);
        return new MlDecision
        {
            DecisionId = string.Create(CultureInfo.InvariantCulture, $"{symbol}-4H-{i:D8}"),
            Symbol = symbol,
            Timeframe = "4H",
            BarTime = barTime,
            Timestamp = barTime.AddMilliseconds(187.5),
            AllowTrade = allowed,
            Regime = new RegimePrediction
            {
                RegimeLabel = regime,
                Confidence = 0.5,
                EfficiencyRatio = 0.31,
                Probabilities = new Dictionary<string, double>(StringComparer.Ordinal) { ["TRENDING"] = 0.3, ["RANGING"] = 0.5, ["STRESSED"] = 0.2 },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.472,
                ShouldEnter = false,
                ShouldExit = true,
                ConfidenceLevel = "LOW",
                TopFeatures = [new FeatureContribution { Name = "momentum_score", Importance = 0.12 }, new FeatureContribution { Name = "volatility", Importance = -0.05 }],
            },
            DecisionReasons = allowed ? ["All checks passed"] : ["Regime not allowed: RANGING (allowed: TRENDING)"],
            QseValid = true,
            ProcessingTimeMs = 0.004,
            ConfigHash = "eb865791dc659ec1",
            ModelVersions = new Dictionary<string, string>(StringComparer.Ordinal) { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v1.0.0" },
        };
    }

    public static AuditLogWriter Writer(string directory, Action<AuditOptions>? configure = null, TimeProvider? time = null, ILogger<AuditLogWriter>? logger = null)
    {
        var options = new AuditOptions { Directory = directory };
        configure?.Invoke(options);
        return new AuditLogWriter(Options.Create(options), time ?? TimeProvider.System, logger ?? NullLogger<AuditLogWriter>.Instance);
    }

    public static async Task AppendAsync(AuditLogWriter writer, int i, string symbol = "EURUSD")
    {
        var decision = Decision(i, symbol);
        await writer.AppendAsync(decision, Features(i), Qse(symbol, decision.BarTime));
    }

    /// <summary>Writes <paramref name="count"/> records (ids 1..count) into <paramref name="directory"/> and closes the writer.</summary>
    public static async Task WriteAsync(string directory, int count, Action<AuditOptions>? configure = null)
    {
        await using var writer = Writer(directory, configure);
        for (var i = 1; i <= count; i++)
        {
            await AppendAsync(writer, i);
        }
    }

    public static string ActiveFile(string directory) => Path.Combine(directory, "predictions.jsonl");

    /// <summary>The lines of a closed audit file, without their newlines.</summary>
    public static List<string> Lines(string path)
    {
        var text = File.ReadAllText(path);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text[..^1].Split('\n')];
    }

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
}
