using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.LightGbmFixtures;

/// <summary>Rows of plausible values for the 16 canonical features and a trade-success label drawn from a known logit.</summary>
internal static class SyntheticBars
{
    /// <summary><paramref name="count"/> rows, row-major in <see cref="CanonicalFeatures.All"/> order, rounded to <paramref name="decimals"/>.</summary>
    public static double[] Features(SplitMix64 random, int count, int decimals)
    {
        var width = CanonicalFeatures.All.Count;
        var rows = new double[count * width];
        for (var r = 0; r < count; r++)
        {
            double[] values =
            [
                random.Uniform(-1, 1), Math.Pow(random.NextDouble(), 1.5), 0.01 * Math.Abs(random.Normal()), random.NextDouble(),
                random.Uniform(-1, 1), random.NextDouble(), random.Uniform(5, 95), 1.5 * random.Normal(),
                random.Uniform(-0.6, 0.6), 0.5 + (0.08 * random.Normal()), Math.Exp(0.3 * random.Normal()), Math.Exp(0.5 * random.Normal()),
                4 * random.NextDouble() * random.NextDouble(), random.NextDouble(), -0.03 * Math.Abs(random.Normal()), random.Normal(),
            ];
            for (var c = 0; c < width; c++)
            {
                rows[(r * width) + c] = Math.Round(values[c], decimals);
            }
        }

        return rows;
    }

    /// <summary>0/1 labels: success with probability sigmoid(logit) of the row (missing values read as 0).</summary>
    public static float[] Labels(SplitMix64 random, double[] rows)
    {
        var width = CanonicalFeatures.All.Count;
        var labels = new float[rows.Length / width];
        for (var r = 0; r < labels.Length; r++)
        {
            var first = r * width;
            double V(int i) => double.IsNaN(rows[first + i]) ? 0 : rows[first + i];
            var logit = (1.6 * V(0) * V(5)) + (2.0 * (V(1) - 0.4)) + (3.0 * (V(9) - 0.5)) - (0.35 * (V(12) - 2.0)) + (6.0 * V(14))
                - (V(6) > 70 ? 0.8 : 0) + (0.5 * Math.Tanh(V(7)) * Math.Sign(V(0))) + (V(3) > 0.8 ? 0.4 : 0);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return labels;
    }

    /// <summary>Blanks out a fraction of the cells (NaN = missing).</summary>
    public static void BlankOut(SplitMix64 random, double[] rows, double rate)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            if (random.NextDouble() < rate)
            {
                rows[i] = double.NaN;
            }
        }
    }

    /// <summary>Keeps only the columns at <paramref name="columns"/>, in that order.</summary>
    public static double[] Select(double[] rows, IReadOnlyList<int> columns)
    {
        var width = CanonicalFeatures.All.Count;
        var count = rows.Length / width;
        var selected = new double[count * columns.Count];
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                selected[(r * columns.Count) + c] = rows[(r * width) + columns[c]];
            }
        }

        return selected;
    }
}
