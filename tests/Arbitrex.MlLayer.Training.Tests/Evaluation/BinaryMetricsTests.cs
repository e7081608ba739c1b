using Arbitrex.MlLayer.Training.Evaluation;

namespace Arbitrex.MlLayer.Training.Tests.Evaluation;

[Trait("Category", "Unit")]
public sealed class BinaryMetricsTests
{
    // Expected figures from scikit-learn 1.2 (roc_auc_score, log_loss, brier_score_loss) on the same pairs.
    private static readonly double[] Probabilities = [0.1, 0.4, 0.35, 0.8, 0.4, 0.65, 0.05, 0.95, 0.5, 0.5];
    private static readonly bool[] Labels = [false, false, true, true, true, false, false, true, true, false];

    [Fact]
    public void Auc_log_loss_and_brier_match_scikit_learn_with_tied_probabilities()
    {
        var metrics = BinaryMetrics.Of(Probabilities, Labels);

        Assert.Equal(0.7200000000000001, metrics.Auc, 1e-12);
        Assert.Equal(0.534414562150453, metrics.LogLoss, 1e-12);
        Assert.Equal(0.192, metrics.BrierScore, 1e-12);
        Assert.Equal(10, metrics.Rows);
    }

    [Fact]
    public void Accuracy_counts_a_probability_above_one_half_as_a_positive_prediction()
    {
        var metrics = BinaryMetrics.Of(Probabilities, Labels);

        // Right: 0.1, 0.4 (neg); 0.8 (pos); 0.05 (neg); 0.95 (pos); 0.5 with label 0. Wrong: 0.35, 0.4 (pos), 0.65, 0.5 with label 1.
        Assert.Equal(0.6, metrics.Accuracy, 1e-12);
    }

    [Fact]
    public void The_calibration_table_has_ten_bins_with_counts_means_and_observed_rates()
    {
        var metrics = BinaryMetrics.Of(Probabilities, Labels);

        Assert.Equal(10, metrics.Calibration.Count);
        Assert.Equal(Probabilities.Length, metrics.Calibration.Sum(b => b.Count));
        var fifth = metrics.Calibration[4];
        Assert.Equal((0.4, 0.5, 2), (fifth.Lower, fifth.Upper, fifth.Count));
        Assert.Equal(0.4, fifth.MeanPredicted!.Value, 1e-12);
        Assert.Equal(0.5, fifth.ObservedRate!.Value, 1e-12);
        Assert.Equal(2, metrics.Calibration[5].Count);
        Assert.Equal(0.5, metrics.Calibration[5].ObservedRate!.Value, 1e-12);
        Assert.Null(metrics.Calibration[2].MeanPredicted);
        Assert.Equal(1, metrics.Calibration[9].Count);
    }

    [Fact]
    public void One_class_only_has_no_auc()
    {
        Assert.Throws<ArgumentException>(() => BinaryMetrics.Of([0.2, 0.7], [true, true]));
    }
}
