namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// The live quality figures, computed as scikit-learn 1.2 (Debian's <c>python3-sklearn</c>) computes them:
/// <c>roc_auc_score</c>, <c>brier_score_loss</c>, <c>log_loss</c> and <c>calibration_curve(n_bins=10)</c>;
/// tests compare them to 1e-9.
/// </summary>
internal static class QualityMath
{
    public const int CalibrationBins = 10;

    /// <summary>
    /// <c>log_loss</c>'s clip with <c>eps="auto"</c>: the machine epsilon of float64. It then scores
    /// [1 − p, p] renormalised by its sum, which is repeated here so the figures agree to the last bits.
    /// </summary>
    public static readonly double LogLossEpsilon = Math.BitIncrement(1.0) - 1.0;

    public static QualityFigures Compute(ReadOnlySpan<OutcomePoint> points, int minOutcomes)
    {
        long n = points.Length, successes = 0, allowed = 0, allowedSuccesses = 0;
        double brier = 0, logLoss = 0;
        var binCounts = new long[CalibrationBins];
        var binPredicted = new double[CalibrationBins];
        var binObserved = new long[CalibrationBins];
        foreach (var point in points)
        {
            var p = point.Probability;
            var y = point.Success ? 1.0 : 0.0;
            successes += point.Success ? 1 : 0;
            if (point.AllowTrade)
            {
                allowed++;
                allowedSuccesses += point.Success ? 1 : 0;
            }

            brier += (y - p) * (y - p);
            var clipped = Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);
            var complement = 1 - clipped;
            var sum = complement + clipped;
            logLoss -= point.Success ? Math.Log(clipped / sum) : Math.Log(complement / sum);
            var bin = BinOf(p);
            binCounts[bin]++;
            binPredicted[bin] += p;
            binObserved[bin] += point.Success ? 1 : 0;
        }

        var enough = n >= minOutcomes;
        return new QualityFigures
        {
            Outcomes = n,
            Successes = successes,
            HitRate = allowed >= minOutcomes ? QualityFigure.Of((double)allowedSuccesses / allowed, allowed) : QualityFigure.Insufficient(allowed),
            Auc = !enough ? QualityFigure.Insufficient(n)
                : successes == 0 || successes == n ? QualityFigure.Undefined(n)
                : QualityFigure.Of(AreaUnderRoc(points, successes), n),
            Brier = enough ? QualityFigure.Of(brier / n, n) : QualityFigure.Insufficient(n),
            LogLoss = enough ? QualityFigure.Of(logLoss / n, n) : QualityFigure.Insufficient(n),
            Calibration = new CalibrationTable(
                enough ? QualityStatus.Ok : QualityStatus.Insufficient,
                n,
                [.. Enumerable.Range(0, CalibrationBins).Select(b => new LiveCalibrationBin(
                    LowerEdge(b),
                    LowerEdge(b + 1),
                    binCounts[b],
                    enough && binCounts[b] > 0 ? binPredicted[b] / binCounts[b] : null,
                    enough && binCounts[b] > 0 ? (double)binObserved[b] / binCounts[b] : null))]),
        };
    }

    /// <summary>The bin of a probability: [k/10, (k+1)/10), the last one closed at 1.0.</summary>
    public static int BinOf(double probability)
    {
        var bin = 0;
        while (bin < CalibrationBins - 1 && probability >= LowerEdge(bin + 1))
        {
            bin++;
        }

        return bin;
    }

    private static double LowerEdge(int bin) => (double)bin / CalibrationBins;

    /// <summary>The Mann–Whitney statistic: for each positive, the negatives scored below it, ties counting one half.</summary>
    private static double AreaUnderRoc(ReadOnlySpan<OutcomePoint> points, long positives)
    {
        var probabilities = new double[points.Length];
        var labels = new bool[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            probabilities[i] = points[i].Probability;
            labels[i] = points[i].Success;
        }

        Array.Sort(probabilities, labels);
        double pairsWon = 0;
        long negativesBelow = 0;
        for (var start = 0; start < probabilities.Length;)
        {
            var end = start;
            long tiedPositives = 0, tiedNegatives = 0;
            while (end < probabilities.Length && probabilities[end] == probabilities[start])
            {
                if (labels[end])
                {
                    tiedPositives++;
                }
                else
                {
                    tiedNegatives++;
                }

                end++;
            }

            pairsWon += (tiedPositives * (double)negativesBelow) + (0.5 * tiedPositives * tiedNegatives);
            negativesBelow += tiedNegatives;
            start = end;
        }

        var negatives = points.Length - positives;
        return pairsWon / ((double)positives * negatives);
    }
}
