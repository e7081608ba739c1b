namespace Arbitrex.MlLayer.Training.Evaluation;

/// <summary>
/// The distribution of one value over a sample, kept to detect drift later: 11 edges (minimum, the nine
/// deciles by linear interpolation, maximum) and the count of each of the 10 bins, bin <c>i</c> holding
/// the values <c>v</c> with <c>Edges[i] &lt; v &lt;= Edges[i + 1]</c> (the first bin also holds the minimum).
/// With many equal values several edges coincide and the bins between them are empty.
/// </summary>
public sealed record DecileBaseline(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    public const int Bins = 10;

    /// <exception cref="ArgumentException">The sample is empty.</exception>
    public static DecileBaseline Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A baseline needs at least one value.", nameof(values));
        }

        var edges = new double[Bins + 1];
        for (var k = 0; k <= Bins; k++)
        {
            // Linear interpolation between closest ranks (numpy's default "linear" quantile).
            var position = (sorted.Length - 1) * (double)k / Bins;
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            edges[k] = sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
        }

        edges[0] = sorted[0];
        edges[Bins] = sorted[^1];

        var counts = new int[Bins];
        foreach (var value in sorted)
        {
            counts[BinOf(edges, value)]++;
        }

        return new DecileBaseline(edges, counts);
    }

    /// <summary>The bin <paramref name="value"/> falls in: below the minimum counts as the first, above the maximum as the last.</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var bin = 0;
        while (bin < Bins - 1 && value > edges[bin + 1])
        {
            bin++;
        }

        return bin;
    }
}
