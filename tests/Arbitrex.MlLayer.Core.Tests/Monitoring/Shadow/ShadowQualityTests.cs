using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Core.Monitoring.Shadow;
using Arbitrex.MlLayer.Core.Tests.Audit;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Shadow;

[Trait("Category", "Unit")]
public sealed class ShadowQualityTests
{
    private static readonly DateTime Recorded = new(2025, 12, 22, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Live_and_shadow_are_scored_on_the_same_bars_as_the_live_quality_tracker_scores_each_side()
    {
        var options = Options.Create(new LiveQualityOptions { MinOutcomes = 5 });
        var store = new ShadowDecisionStore(capacity: 100);
        var quality = new ShadowQuality(store, options);
        var liveTracker = new LiveQualityTracker(options, timeProvider: new FixedTime(Recorded));
        var shadowTracker = new LiveQualityTracker(options, timeProvider: new FixedTime(Recorded));
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            var shadow = Shadow(i, probability: Math.Round(random.NextDouble(), 2));
            if (i % 4 != 3)
            {
                store.Add(shadow);
            }

            var live = new ScoredOutcome(shadow.DecisionId, "v1.0.0", "v1.0.0_rule_based", "TRENDING", Math.Round(random.NextDouble(), 2), i % 3 == 0, random.NextDouble() < 0.5, null, shadow.BarTime, Recorded);
            quality.Record(live);
            if (store.ShadowOf(live) is { } scored)
            {
                liveTracker.Record(live);
                shadowTracker.Record(scored);
            }
        }

        var report = quality.Report();

        Assert.Equal(30, report.Pairs);
        Assert.Equal(("v1.0.0", "v2.0.0"), (report.LiveVersion, report.ShadowVersion));
        Assert.Equal(Overall(liveTracker, "v1.0.0"), report.Live with { Calibration = Overall(liveTracker, "v1.0.0").Calibration });
        Assert.Equal(Overall(shadowTracker, "v2.0.0").Auc, report.Shadow.Auc);
        Assert.Equal(Overall(shadowTracker, "v2.0.0").Brier, report.Shadow.Brier);
        Assert.Equal(Overall(shadowTracker, "v2.0.0").LogLoss, report.Shadow.LogLoss);
        Assert.NotEqual(report.Live.Brier, report.Shadow.Brier);
    }

    [Fact]
    public void Outcomes_of_bars_the_shadow_did_not_decide_are_left_out_and_a_new_shadow_version_starts_afresh()
    {
        var store = new ShadowDecisionStore(capacity: 100);
        var quality = new ShadowQuality(store, Options.Create(new LiveQualityOptions { MinOutcomes = 1 }));
        store.Add(Shadow(1, probability: 0.7));
        quality.Record(Live(1));
        quality.Record(Live(2));
        Assert.Equal(1, quality.Report().Pairs);

        store.Add(Shadow(3, probability: 0.4) with { ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0_rule_based", ["signal_filter"] = "v3.0.0" } });
        quality.Record(Live(3));

        var report = quality.Report();
        Assert.Equal((1, "v3.0.0"), (report.Pairs, report.ShadowVersion));
        Assert.Equal(Math.Pow(0.4 - 1, 2), report.Shadow.Brier.Value!.Value, 12);
    }

    private static Contracts.MlDecision Shadow(int i, double probability)
    {
        var decision = AuditTestData.Decision(i);
        return decision with
        {
            Signal = decision.Signal with { SuccessProbability = probability },
            ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0_rule_based", ["signal_filter"] = "v2.0.0" },
        };
    }

    private static ScoredOutcome Live(int i) =>
        new(AuditTestData.Decision(i).DecisionId, "v1.0.0", "v1.0.0_rule_based", "RANGING", 0.5, true, true, null, AuditTestData.Decision(i).BarTime, Recorded);

    private static QualityFigures Overall(LiveQualityTracker tracker, string version) =>
        tracker.Snapshot().Versions.Single(v => v.ModelVersion == version).Overall;

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
