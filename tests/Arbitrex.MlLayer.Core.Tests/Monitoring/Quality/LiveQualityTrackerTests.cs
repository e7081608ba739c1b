using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

[Trait("Category", "Unit")]
public sealed class LiveQualityTrackerTests
{
    private readonly FakeTimeProvider _time = new(Outcomes.Start);

    [Fact]
    public void Figures_from_fewer_outcomes_than_the_minimum_are_insufficient_with_their_count()
    {
        var tracker = Create(minOutcomes: 10);
        for (var i = 0; i < 9; i++)
        {
            tracker.Record(Outcomes.Make(0.2 + (0.07 * i), success: i % 2 == 0, allowTrade: i < 4));
        }

        var figures = tracker.Of("v1.0.0").Overall;

        Assert.Equal(9, figures.Outcomes);
        Assert.Equal(QualityFigure.Insufficient(9), figures.Auc);
        Assert.Equal(QualityFigure.Insufficient(9), figures.Brier);
        Assert.Equal(QualityFigure.Insufficient(9), figures.LogLoss);
        Assert.Equal(QualityFigure.Insufficient(4), figures.HitRate);
        Assert.Equal(QualityStatus.Insufficient, figures.Calibration.Status);
        Assert.Equal(9, figures.Calibration.Bins.Sum(b => b.Count));
        Assert.All(figures.Calibration.Bins, b => Assert.Null(b.MeanPredicted ?? b.ObservedRate));
    }

    [Fact]
    public void The_minimum_reached_turns_every_figure_into_a_number()
    {
        var tracker = Create(minOutcomes: 4);
        tracker.Record(Outcomes.Make(0.8, success: true));
        tracker.Record(Outcomes.Make(0.6, success: false));
        tracker.Record(Outcomes.Make(0.6, success: true));
        tracker.Record(Outcomes.Make(0.2, success: false));

        var figures = tracker.Of("v1.0.0").Overall;

        // Positives 0.8 and 0.6 against negatives 0.6 and 0.2: 1 + 1 + 0.5 + 1 of 4 pairs.
        Assert.Equal(QualityFigure.Of(0.875, 4), figures.Auc);
        Assert.Equal(QualityFigure.Of(((0.2 * 0.2) + (0.6 * 0.6) + (0.4 * 0.4) + (0.2 * 0.2)) / 4, 4), figures.Brier);
        Assert.Equal(QualityFigure.Of(0.5, 4), figures.HitRate);
        Assert.Equal(QualityStatus.Ok, figures.Calibration.Status);
    }

    [Fact]
    public void The_hit_rate_counts_only_allowed_trades()
    {
        var tracker = Create(minOutcomes: 3);
        tracker.Record(Outcomes.Make(0.7, success: true, allowTrade: true));
        tracker.Record(Outcomes.Make(0.7, success: true, allowTrade: true));
        tracker.Record(Outcomes.Make(0.7, success: false, allowTrade: true));
        tracker.Record(Outcomes.Make(0.3, success: true, allowTrade: false));
        tracker.Record(Outcomes.Make(0.3, success: true, allowTrade: false));

        Assert.Equal(QualityFigure.Of(2.0 / 3, 3), tracker.Of("v1.0.0").Overall.HitRate);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.0999, 0)]
    [InlineData(0.1, 1)]
    [InlineData(0.3, 3)]
    [InlineData(0.7, 7)]
    [InlineData(0.9, 9)]
    [InlineData(1.0, 9)]
    public void Calibration_bins_are_closed_on_the_left_and_the_last_includes_one(double probability, int bin)
    {
        var tracker = Create(minOutcomes: 1);
        tracker.Record(Outcomes.Make(probability, success: true));

        var bins = tracker.Of("v1.0.0").Overall.Calibration.Bins;

        Assert.Equal(10, bins.Count);
        Assert.Equal(1, bins[bin].Count);
        Assert.Equal((bin / 10.0, (bin + 1) / 10.0), (bins[bin].Lower, bins[bin].Upper));
        Assert.Equal(probability, bins[bin].MeanPredicted);
    }

    [Fact]
    public void Versions_and_regimes_are_kept_apart()
    {
        var tracker = Create(minOutcomes: 1);
        tracker.Record(Outcomes.Make(0.9, success: true, version: "v2.0.0", regime: "RANGING"));
        tracker.Record(Outcomes.Make(0.1, success: false, version: "v1.0.0", regime: "TRENDING"));
        tracker.Record(Outcomes.Make(0.4, success: true, version: "v1.0.0", regime: "STRESSED"));

        var snapshot = tracker.Snapshot();

        Assert.Equal(3, snapshot.OutcomesTotal);
        Assert.Equal(["v1.0.0", "v2.0.0"], snapshot.Versions.Select(v => v.ModelVersion));
        Assert.Equal(2, snapshot.Versions[0].Overall.Outcomes);
        Assert.Equal(["STRESSED", "TRENDING"], snapshot.Versions[0].Regimes.Keys);
        Assert.Equal(["RANGING"], snapshot.Versions[1].Regimes.Keys);
        Assert.Equal(1, snapshot.Versions[1].Regimes["RANGING"].Successes);
    }

    [Fact]
    public void An_unknown_version_has_every_figure_insufficient_from_zero_outcomes()
    {
        var quality = Create(minOutcomes: 5).Of("v9.9.9");

        Assert.Equal("v9.9.9", quality.ModelVersion);
        Assert.Equal(0, quality.Overall.Outcomes);
        Assert.Equal(QualityFigure.Insufficient(0), quality.Overall.Auc);
        Assert.Empty(quality.Regimes);
        Assert.Null(quality.OldestOutcomeAt);
    }

    [Fact]
    public void A_version_whose_outcomes_all_aged_out_leaves_the_snapshot()
    {
        var tracker = Create(minOutcomes: 1);
        tracker.Record(Outcomes.Make(0.6, success: true, version: "v1.0.0"));
        _time.Advance(TimeSpan.FromHours(23));
        tracker.Record(Outcomes.Make(0.6, success: true, version: "v2.0.0", recordedAt: _time.GetUtcNow()));

        Assert.Equal(["v1.0.0", "v2.0.0"], tracker.Snapshot().Versions.Select(v => v.ModelVersion));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["v2.0.0"], tracker.Snapshot().Versions.Select(v => v.ModelVersion));
        Assert.Equal(2, tracker.Snapshot().OutcomesTotal);
    }

    [Fact]
    public void Beyond_max_versions_the_version_with_the_oldest_latest_outcome_gives_way()
    {
        var tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions { MaxVersions = 2, MinOutcomes = 1 }), _time);
        tracker.Record(Outcomes.Make(0.5, true, version: "a", recordedAt: Outcomes.Start.AddMinutes(-3)));
        tracker.Record(Outcomes.Make(0.5, true, version: "b", recordedAt: Outcomes.Start.AddMinutes(-1)));
        tracker.Record(Outcomes.Make(0.5, true, version: "a", recordedAt: Outcomes.Start.AddMinutes(-2)));
        tracker.Record(Outcomes.Make(0.5, true, version: "c", recordedAt: Outcomes.Start));

        Assert.Equal(["b", "c"], tracker.Snapshot().Versions.Select(v => v.ModelVersion));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void A_probability_outside_zero_to_one_is_refused(double probability)
    {
        var tracker = Create(minOutcomes: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Record(Outcomes.Make(probability, success: true)));
        Assert.Equal(0, tracker.OutcomesTotal);
    }

    [Fact]
    public async Task Outcomes_recorded_from_many_threads_are_each_counted_once()
    {
        var tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions { WindowOutcomes = 3_000, MinOutcomes = 1 }), _time);
        var outcomes = Outcomes.Random(8_000, seed: 3);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = t; i < outcomes.Count; i += 4)
            {
                tracker.Record(outcomes[i]);
                if (i % 997 == 0)
                {
                    _ = tracker.Snapshot();
                }
            }
        })));

        Assert.Equal(8_000, tracker.OutcomesTotal);
        Assert.Equal(3_000, tracker.Of("v1.0.0").Overall.Outcomes);
    }

    [Fact]
    public void The_auc_alert_value_is_the_worst_version_with_enough_outcomes()
    {
        var tracker = Create(minOutcomes: 4);
        RecordPairs(tracker, "good", (0.9, true), (0.8, true), (0.2, false), (0.1, false));
        RecordPairs(tracker, "poor", (0.9, false), (0.8, true), (0.2, false), (0.1, true));
        RecordPairs(tracker, "worst_but_few", (0.9, false), (0.1, true));

        var value = tracker.AlertValue(AlertMetrics.LiveAuc, 60, minOutcomes: null);

        // poor: positives 0.8 and 0.1 against negatives 0.9 and 0.2 win one pair of four.
        Assert.Equal(new LiveAlertValue(0.25, "poor", 4), value);
        Assert.Null(tracker.AlertValue(AlertMetrics.LiveAuc, 60, minOutcomes: 5));
    }

    [Fact]
    public void The_brier_excess_is_taken_against_each_version_s_validation_brier_and_skips_versions_without_one()
    {
        var briers = new Dictionary<string, double> { ["v1"] = 0.10 };
        var tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions { MinOutcomes = 2 }), _time, new FixedValidationBriers(briers));
        RecordPairs(tracker, "v1", (0.5, true), (0.5, false));
        RecordPairs(tracker, "v2", (0.0, true), (1.0, false));

        var value = tracker.AlertValue(AlertMetrics.LiveBrierExcess, 60, minOutcomes: null);

        Assert.Equal("v1", value!.Value.ModelVersion);
        Assert.Equal(0.25 - 0.10, value.Value.Value, 1e-15);
    }

    private LiveQualityTracker Create(int minOutcomes) =>
        new(Options.Create(new LiveQualityOptions { MinOutcomes = minOutcomes }), _time);

    private static void RecordPairs(LiveQualityTracker tracker, string version, params (double P, bool Success)[] pairs)
    {
        foreach (var (p, success) in pairs)
        {
            tracker.Record(Outcomes.Make(p, success, version: version));
        }
    }
}
