using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Training.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Training.Tests.TestSupport;

/// <summary>An audit log as the worker writes it: a bus decision per row with the row's features, then its outcome.</summary>
internal static class AuditedBars
{
    public static MlDecision Decision(string decisionId, DateTime barTime, DecisionSource source = DecisionSource.Bus) => new()
    {
        DecisionId = decisionId,
        Symbol = "SMP",
        Timeframe = "1H",
        BarTime = barTime,
        Timestamp = barTime.AddHours(1),
        AllowTrade = true,
        Regime = new RegimePrediction { RegimeLabel = "TRENDING", Confidence = 0.7, EfficiencyRatio = 0.5, Probabilities = new Dictionary<string, double> { ["TRENDING"] = 0.7 } },
        Signal = new SignalPrediction { SuccessProbability = 0.6, ShouldEnter = true, ShouldExit = false, ConfidenceLevel = "MEDIUM", TopFeatures = [] },
        DecisionReasons = [source.ToString()],
        QseValid = true,
        ProcessingTimeMs = 0.1,
        ConfigHash = "0123456789abcdef",
        ModelVersions = new Dictionary<string, string> { ["signal_filter"] = "v1.0.0_rule_based" },
    };

    public static AuditedOutcome Outcome(MlDecision decision, bool success) => new()
    {
        DecisionId = decision.DecisionId,
        Symbol = decision.Symbol,
        Timeframe = decision.Timeframe,
        BarTime = decision.BarTime,
        Success = success,
        SignalProb = decision.Signal.SuccessProbability,
        Allowed = decision.AllowTrade,
        Regime = decision.Regime.RegimeLabel,
        ModelVersions = decision.ModelVersions,
        ConfigHash = decision.ConfigHash,
    };

    public static Dictionary<string, double> Features(TrainingRow row) =>
        CanonicalFeatures.All.Select((name, f) => (name, row.Features[f])).ToDictionary(p => p.name, p => p.Item2);

    public static AuditLogWriter Writer(string directory) =>
        new(Options.Create(new AuditOptions { Directory = directory }), TimeProvider.System, NullLogger<AuditLogWriter>.Instance);

    /// <summary>Audits every row as a bus decision with its outcome (label = success), in the rows' order.</summary>
    public static async Task WriteAsync(string directory, IReadOnlyList<TrainingRow> rows)
    {
        await using var writer = Writer(directory);
        for (var i = 0; i < rows.Count; i++)
        {
            var decision = Decision("d" + i, rows[i].BarTime.UtcDateTime);
            await writer.AppendAsync(decision, Features(rows[i]), null, DecisionSource.Bus);
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, Outcome(decision, rows[i].Label));
        }
    }
}
