namespace Arbitrex.MlLayer.Training.Evaluation;

/// <summary>Quality of predicted probabilities against 0/1 outcomes.</summary>
public sealed record BinaryMetrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] for the log-loss, so a confident miss costs a large but finite amount.</summary>
    public const double LogLossEpsilon = 1e-15;

    public const int CalibrationBins = 10;

    /// <summary>Area under the ROC curve (the Mann–Whitney statistic; tied probabilities count one half).</summary>
    public required double Auc { get; init; }

    /// <summary>Share of rows where <c>p &gt; 0.5</c> matches the label (Microsoft.ML's predicted label).</summary>
    public required double Accuracy { get; init; }

    public required double LogLoss { get; init; }

    /// <summary>Mean squared difference between the probability and the 0/1 label.</summary>
    public required double BrierScore { get; init; }

    public required IReadOnlyList<CalibrationBin> Calibration { get; init; }

    public required int Rows { get; init; }

    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold one class only.</exception>
    public static BinaryMetrics Of(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (probabilities.Count != labels.Count || probabilities.Count == 0)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities for {labels.Count} labels.", nameof(probabilities));
        }

        double correct = 0, logLoss = 0, brier = 0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = probabilities[i];
            var y = labels[i] ? 1.0 : 0.0;
            correct += (p > 0.5) == labels[i] ? 1 : 0;
            var clipped = Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);
            logLoss -= (y * Math.Log(clipped)) + ((1 - y) * Math.Log(1 - clipped));
            brier += (p - y) * (p - y);
        }

        var n = probabilities.Count;
        return new BinaryMetrics
        {
            Auc = AreaUnderRoc(probabilities, labels),
            Accuracy = correct / n,
            LogLoss = logLoss / n,
            BrierScore = brier / n,
            Calibration = Calibrate(probabilities, labels),
            Rows = n,
        };
    }

    private static double AreaUnderRoc(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, probabilities.Count).OrderBy(i => probabilities[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]] == probabilities[order[start]])
            {
                end++;
            }

            // Tied probabilities share the mean of their 1-based ranks.
            var rank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = (long)order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("The AUC needs both classes among the labels.", nameof(labels));
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    private static List<CalibrationBin> Calibrate(IReadOnlyList<double> probabilities, IReadOnlyList<bool> labels)
    {
        var counts = new int[CalibrationBins];
        var predicted = new double[CalibrationBins];
        var observed = new int[CalibrationBins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var bin = Math.Clamp((int)(probabilities[i] * CalibrationBins), 0, CalibrationBins - 1);
            counts[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += labels[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, CalibrationBins).Select(b => new CalibrationBin(
            (double)b / CalibrationBins,
            (double)(b + 1) / CalibrationBins,
            counts[b],
            counts[b] == 0 ? null : predicted[b] / counts[b],
            counts[b] == 0 ? null : (double)observed[b] / counts[b]))];
    }
}
