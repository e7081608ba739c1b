using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Quality;

/// <summary>
/// Exact figures: the tracker's AUC, Brier score, log-loss, calibration table and hit rate equal scikit-learn's
/// (Debian's python3-sklearn) on the same pairs to 1e-9, with tied probabilities and with windows that slide by
/// count and by time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiveQualityTrackerSklearnTests
{
    private readonly FakeTimeProvider _time = new(Outcomes.Start);

    [Fact]
    public async Task Figures_over_tied_probabilities_equal_scikit_learn()
    {
        var tracker = Create(windowOutcomes: 10_000);
        var outcomes = Outcomes.Random(600, seed: 11);
        Record(tracker, outcomes);

        var quality = tracker.Of("v1.0.0");
        var expected = await SklearnReference.ComputeAsync(outcomes);

        Assert.True(outcomes.Select(o => o.SuccessProbability).Distinct().Count() < outcomes.Count / 4, "the pairs must hold many ties");
        Assert.Equal(600, quality.Overall.Outcomes);
        SklearnReference.AssertMatches(expected[0], quality.Overall);
    }

    [Fact]
    public async Task Per_regime_figures_equal_scikit_learn_on_each_regime_subset()
    {
        var tracker = Create(windowOutcomes: 10_000);
        var outcomes = Outcomes.Random(900, seed: 23);
        Record(tracker, outcomes);

        var quality = tracker.Of("v1.0.0");
        var subsets = Outcomes.Regimes.Select(r => (IReadOnlyList<ScoredOutcome>)[.. outcomes.Where(o => o.Regime == r)]).ToArray();
        var expected = await SklearnReference.ComputeAsync(subsets);

        for (var i = 0; i < Outcomes.Regimes.Length; i++)
        {
            var regime = quality.Regimes[Outcomes.Regimes[i]];
            Assert.Equal(subsets[i].Count, regime.Outcomes);
            SklearnReference.AssertMatches(expected[i], regime);
        }
    }

    [Fact]
    public async Task A_window_sliding_by_count_covers_exactly_the_last_n_outcomes()
    {
        var tracker = Create(windowOutcomes: 150);
        var outcomes = Outcomes.Random(437, seed: 5);
        var snapshots = new List<(IReadOnlyList<ScoredOutcome> Expected, QualityFigures Actual)>();
        for (var i = 0; i < outcomes.Count; i++)
        {
            tracker.Record(outcomes[i]);
            if (i is 99 or 150 or 299 or 436)
            {
                // Read while recording goes on, so a cached figure must follow the window as it slides.
                snapshots.Add(([.. outcomes.Take(i + 1).TakeLast(150)], tracker.Of("v1.0.0").Overall));
            }
        }

        var expected = await SklearnReference.ComputeAsync([.. snapshots.Select(s => s.Expected)]);

        Assert.Equal([100L, 150, 150, 150], snapshots.Select(s => s.Actual.Outcomes));
        for (var i = 0; i < snapshots.Count; i++)
        {
            SklearnReference.AssertMatches(expected[i], snapshots[i].Actual);
        }
    }

    [Fact]
    public async Task A_window_sliding_by_time_drops_outcomes_older_than_the_window()
    {
        var tracker = Create(windowOutcomes: 10_000, windowHours: 1);

        // One outcome every 20 s over three hours, recorded at the times the outcomes say; the clock stands at the last one.
        var outcomes = Outcomes.Random(540, seed: 8, recordedAt: i => Outcomes.Start + TimeSpan.FromSeconds(20 * i));
        _time.SetUtcNow(outcomes[^1].RecordedAt);
        Record(tracker, outcomes);
        var atEnd = tracker.Of("v1.0.0").Overall;
        _time.Advance(TimeSpan.FromMinutes(25));
        var later = tracker.Of("v1.0.0").Overall;

        var expected = await SklearnReference.ComputeAsync(
            [.. outcomes.Where(o => o.RecordedAt > outcomes[^1].RecordedAt.AddHours(-1))],
            [.. outcomes.Where(o => o.RecordedAt > outcomes[^1].RecordedAt.AddMinutes(25).AddHours(-1))]);

        Assert.Equal(180, atEnd.Outcomes);
        Assert.Equal(105, later.Outcomes);
        SklearnReference.AssertMatches(expected[0], atEnd);
        SklearnReference.AssertMatches(expected[1], later);
    }

    [Fact]
    public async Task Confident_misses_at_zero_and_one_are_clipped_as_scikit_learn_clips_them()
    {
        var tracker = Create(windowOutcomes: 100);
        List<ScoredOutcome> outcomes =
        [
            Outcomes.Make(0.0, success: true), Outcomes.Make(1.0, success: false), Outcomes.Make(0.0, success: false),
            Outcomes.Make(1.0, success: true), Outcomes.Make(0.55, success: true), Outcomes.Make(0.55, success: false),
        ];
        Record(tracker, outcomes);

        var expected = await SklearnReference.ComputeAsync(outcomes);

        SklearnReference.AssertMatches(expected[0], tracker.Of("v1.0.0").Overall);
        Assert.True(tracker.Of("v1.0.0").Overall.LogLoss.Value > 10, "a confident miss costs about 36 nats per outcome, not infinity");
    }

    [Fact]
    public async Task One_class_only_leaves_the_auc_undefined_while_scikit_learn_computes_the_rest()
    {
        var tracker = Create(windowOutcomes: 100);
        List<ScoredOutcome> outcomes = [.. Enumerable.Range(0, 12).Select(i => Outcomes.Make(0.03 + (0.08 * i), success: true))];
        Record(tracker, outcomes);

        var expected = await SklearnReference.ComputeAsync(outcomes);

        Assert.Null(expected[0].Auc);
        var figures = tracker.Of("v1.0.0").Overall;
        Assert.Equal(new QualityFigure(null, 12, QualityStatus.Undefined), figures.Auc);
        SklearnReference.AssertMatches(expected[0], figures);
    }

    private LiveQualityTracker Create(int windowOutcomes, int windowHours = 24) =>
        new(Options.Create(new LiveQualityOptions { WindowOutcomes = windowOutcomes, WindowHours = windowHours, MinOutcomes = 1 }), _time);

    private static void Record(LiveQualityTracker tracker, IEnumerable<ScoredOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            tracker.Record(outcome);
        }
    }
}
