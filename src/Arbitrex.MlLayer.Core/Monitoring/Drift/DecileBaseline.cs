using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The distribution of one value over a sample, kept to detect drift later: 11 edges (minimum, the nine
/// deciles by linear interpolation, maximum) and the count of each of the 10 bins, bin <c>i</c> holding
/// the values <c>v</c> with <c>Edges[i] &lt; v &lt;= Edges[i + 1]</c> (the first bin also holds the minimum).
/// With many equal values several edges coincide and the bins between them are empty.
/// <see cref="Sample"/>, when present, is a bounded sample of the same values (at most <see cref="MaxSample"/>)
/// that the two-sample KS test compares live values with; deciles alone cannot give it.
/// </summary>
public sealed record DecileBaseline(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    public const int Bins = 10;

    /// <summary>The most values <see cref="Sample"/> keeps (a bound on the metadata's size and on the KS test's cost).</summary>
    public const int MaxSample = 1_000;

    /// <summary>Values the KS test compares with; absent in baselines written before it was kept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Sample { get; init; }

    /// <summary>How many values the baseline was built from.</summary>
    [JsonIgnore]
    public long Total => Counts.Sum(c => (long)c);

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
            // numpy.quantile(values, numpy.arange(11) / 10): its default "linear" method, interpolated as numpy's
            // _lerp does (from the upper value when the fraction is 0.5 or more), so edges agree to the last bit.
            var position = (sorted.Length - 1) * (k / (double)Bins);
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            var fraction = position - below;
            var difference = sorted[above] - sorted[below];
            edges[k] = fraction >= 0.5 ? sorted[above] - (difference * (1 - fraction)) : sorted[below] + (difference * fraction);
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

    /// <summary>
    /// At most <see cref="MaxSample"/> of <paramref name="values"/>, evenly spaced through the list (all of them when
    /// there are fewer): the rows of a time-ordered set spread over its whole period.
    /// </summary>
    public static IReadOnlyList<double> SpreadSample(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count <= MaxSample)
        {
            return [.. values];
        }

        var sample = new double[MaxSample];
        for (var i = 0; i < MaxSample; i++)
        {
            sample[i] = values[(int)((long)i * values.Count / MaxSample)];
        }

        return sample;
    }
}
