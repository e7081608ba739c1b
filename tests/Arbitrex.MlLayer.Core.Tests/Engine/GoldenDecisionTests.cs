using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

/// <summary>
/// Pins the full MlDecision JSON for a fixed set of bars, so a refactor cannot silently change a
/// decision. After an intended change, regenerate with <c>UPDATE_GOLDEN=1 dotnet test</c> and review
/// the diff of <c>Engine/Golden/decisions.golden.json</c>.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GoldenDecisionTests
{
    private static readonly string GoldenPath = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Engine", "Golden", "decisions.golden.json");

    [Fact]
    public void Decisions_for_the_golden_bars_are_unchanged()
    {
        var actual = Render(DecideGoldenBars());

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenPath, actual);
        }

        Assert.True(File.Exists(GoldenPath), "golden file missing: run once with UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(GoldenPath).ReplaceLineEndings("\n"), actual);
    }

    private static List<MlDecision> DecideGoldenBars()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 22, 12, 0, 0, 187, TimeSpan.Zero));
        // The clock stays put (the timestamps are part of the golden file) while bars up to 16 hours later are decided.
        var engine = new InferenceEngine(new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), time, new BarTimeOptions { MaxBarTimeSkew = TimeSpan.FromDays(1) });
        var decisions = new List<MlDecision>();
        var bar = Bars.BarTime;

        decisions.Add(engine.Predict("EURUSD", "4H", bar, Bars.TrendingFeatures(), Bars.Qse()));
        decisions.Add(engine.Predict("GBPUSD", "4H", bar, Bars.RangingFeatures(), Bars.Qse("GBPUSD")));
        decisions.Add(engine.Predict("USDJPY", "1H", bar, Bars.StressedFeatures(), Bars.Qse("USDJPY", "1H")));
        decisions.Add(engine.Predict("AUDUSD", "4H", bar, Bars.TrendingFeatures(), Bars.Qse("AUDUSD", stationarity: false)));

        var weakRegime = Bars.TrendingFeatures();
        weakRegime["efficiency_ratio"] = 0.52;
        decisions.Add(engine.Predict("NZDUSD", "4H", bar, weakRegime, Bars.Qse("NZDUSD")));

        var weakSignal = Bars.TrendingFeatures();
        weakSignal["spread_bps"] = 20;
        weakSignal["drawdown"] = 0.3;
        decisions.Add(engine.Predict("USDCAD", "4H", bar, weakSignal, Bars.Qse("USDCAD")));

        // Smoothing: EURUSD turns stressed for three bars; the label holds for two of them.
        for (var i = 1; i <= 3; i++)
        {
            var t = bar.AddHours(4 * i);
            decisions.Add(engine.Predict("EURUSD", "4H", t, Bars.StressedFeatures(), Bars.Qse(barTime: t)));
        }

        decisions.Add(engine.FailClosed("EURUSD", "4H", bar.AddHours(16), "Join timeout: qse_output did not arrive within 30s"));
        return decisions;
    }

    private static string Render(List<MlDecision> decisions)
    {
        var array = new JsonArray([.. decisions.Select(d => JsonSerializer.SerializeToNode(d, ContractJson.Options))]);
        return array.ToJsonString(new JsonSerializerOptions(ContractJson.Options) { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }
}
