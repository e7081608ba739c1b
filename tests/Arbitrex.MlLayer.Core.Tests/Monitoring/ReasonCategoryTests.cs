using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed partial class ReasonCategoryTests
{
    [Theory]
    [InlineData("Regime not allowed: RANGING (allowed: TRENDING)", "Regime not allowed")]
    [InlineData("QSE invalid: failed gates z_score, stationarity", "QSE invalid")]
    [InlineData("QSE invalid: signal_valid is false", "QSE invalid")]
    [InlineData("Regime confidence too low: 0.550 <= 0.600", "Regime confidence too low")]
    [InlineData("Signal probability too low: 0.472 <= 0.550", "Signal probability too low")]
    [InlineData("All checks passed: TRENDING regime confidence 0.700 > 0.600, signal probability 0.610 > 0.550", "All checks passed")]
    [InlineData("Join timeout: qse_output not received within 30 s", "Join timeout")]
    [InlineData("Partner refused: qse_output went to the error queue (invalid qse_output: gates is missing)", "Partner refused")]
    [InlineData("Signal probability 0.472 <= 0.55", "Signal probability")]
    [InlineData("  : 12", "unspecified")]
    [InlineData("", "unspecified")]
    public void Reasons_reduce_to_the_text_before_the_first_colon_or_number(string reason, string category) =>
        Assert.Equal(category, ReasonCategory.Of(reason).ToString());

    [Fact]
    public async Task Every_kind_of_engine_decision_counts_under_the_category_docs_MONITORING_md_lists()
    {
        var time = new FakeTimeProvider(TestDecisions.Start);
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()), time);

        foreach (var decision in OneEngineDecisionOfEachKind(time))
        {
            monitor.Record(decision);
        }

        var documented = DocumentedCategories();
        Assert.Equal(7, documented.Count);
        Assert.Equal(documented.Order(StringComparer.Ordinal), monitor.GetSnapshot().DecisionReasons.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, monitor.GetSnapshot().DecisionReasons["QSE invalid"]);
        var prometheus = (await monitor.ExportPrometheusAsync()).Split('\n');
        Assert.All(documented, c => Assert.Contains(prometheus, l => l.StartsWith($"ml_layer_decision_reasons_total{{reason=\"{c}\"}} ", StringComparison.Ordinal)));
    }

    private static List<MlDecision> OneEngineDecisionOfEachKind(TimeProvider time)
    {
        var engine = Engine(new EngineConfig(), time);
        var lowConfidence = Bars.TrendingFeatures();
        lowConfidence["efficiency_ratio"] = 0.52;
        var lowProbability = Bars.TrendingFeatures();
        lowProbability["spread_bps"] = 20;
        lowProbability["drawdown"] = 0.3;
        var onlyRanging = new EngineConfig() with { Decision = new EngineConfig().Decision with { AllowedRegimes = ["RANGING"] } };

        List<MlDecision> decisions =
        [
            engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse()),
            engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(stationarity: false)),
            engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse(signalValid: false)),
            Engine(onlyRanging, time).Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse()),
            engine.Predict("EURUSD", "4H", Bars.BarTime, lowConfidence, Bars.Qse()),
            engine.Predict("EURUSD", "4H", Bars.BarTime, lowProbability, Bars.Qse()),

            // The reason BarJoiner (Worker) gives a bar whose half never arrived.
            engine.FailClosed("EURUSD", "4H", Bars.BarTime, "Join timeout: qse_output not received within 30 s"),

            // The reason BarJoiner gives a bar whose other half the reader refused.
            engine.FailClosed("EURUSD", "4H", Bars.BarTime, "Partner refused: feature_snapshot went to the error queue (invalid feature_snapshot: features.rsi is not a finite number)"),
        ];

        // Guards the inputs: one decision of each kind, or the comparison below proves less than it claims.
        Assert.Equal(
            ["All checks passed", "QSE invalid", "QSE invalid", "Regime not allowed", "Regime confidence too low", "Signal probability too low", "Join timeout", "Partner refused"],
            decisions.Select(d => Assert.Single(d.DecisionReasons).Split(':')[0]));
        return decisions;
    }

    private static InferenceEngine Engine(EngineConfig config, TimeProvider time) =>
        new(config, new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), time);

    /// <summary>The backticked first cells of the table under "Reason categories" in docs/MONITORING.md.</summary>
    private static List<string> DocumentedCategories()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "MONITORING.md"));
        var section = text[text.IndexOf("**Reason categories.**", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", section.IndexOf("| category", StringComparison.Ordinal), StringComparison.Ordinal)];
        return [.. TableRowCategory().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRowCategory();
}
