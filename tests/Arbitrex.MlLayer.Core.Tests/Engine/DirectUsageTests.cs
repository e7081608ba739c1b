using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

/// <summary>The "Using Core directly" snippet of docs/ENGINE-AND-MODELS.md, kept compiling and true.</summary>
[Trait("Category", "Unit")]
public sealed class DirectUsageTests
{
    [Fact]
    public void The_engine_doc_snippet_decides_a_bar_and_feeds_the_monitor_without_a_host()
    {
        var modelsFolder = RepoPaths.Models;
        var features = Bars.TrendingFeatures();
        var qse = Bars.Qse();

        // --- README snippet ---
        var engine = InferenceEngine.CreateDefault(modelsFolder);
        using var monitor = new MlMonitor(Options.Create(new MonitoringOptions()));

        MlDecision decision = engine.Predict("EURUSD", "4H", new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc), features, qse);
        monitor.Record(decision);

        Console.WriteLine($"{decision.Regime.RegimeLabel} p={decision.Signal.SuccessProbability:0.000} allow={decision.AllowTrade}");
        Console.WriteLine($"allow rate {monitor.GetSnapshot().AllowRate:P0}");
        // --- end ---

        Assert.True(decision.AllowTrade);
        Assert.Equal(1, monitor.GetSnapshot().PredictionsTotal);
    }
}
