namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// PSI of live values against a <see cref="DecileBaseline"/>: the live values are put in the baseline's ten bins
/// (same edges, same rule) and PSI = Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ) over the bins, with eᵢ the baseline's share of bin i
/// and aᵢ the live share. A share of 0 (an empty bin, live or baseline) is replaced by <see cref="Epsilon"/> and the
/// shares are not renormalised, so a bin empty on both sides adds exactly 0 and one empty on one side adds a large
/// but finite term. Levels: below 0.1 none, from 0.1 moderate, from 0.25 significant.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>Stand-in for a share of 0, so ln(aᵢ / eᵢ) stays finite.</summary>
    public const double Epsilon = 1e-4;

    public const double ModerateThreshold = 0.1;

    public const double SignificantThreshold = 0.25;

    /// <exception cref="ArgumentException">No live values, or a baseline without counts.</exception>
    public static double Of(DecileBaseline baseline, ReadOnlySpan<double> live)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        if (live.IsEmpty)
        {
            throw new ArgumentException("PSI needs at least one live value.", nameof(live));
        }

        var total = baseline.Total;
        if (total <= 0 || baseline.Counts.Count != DecileBaseline.Bins || baseline.Edges.Count != DecileBaseline.Bins + 1)
        {
            throw new ArgumentException("The baseline needs 11 edges and 10 counts with at least one value.", nameof(baseline));
        }

        Span<int> liveCounts = stackalloc int[DecileBaseline.Bins];
        foreach (var value in live)
        {
            liveCounts[DecileBaseline.BinOf(baseline.Edges, value)]++;
        }

        var psi = 0.0;
        for (var bin = 0; bin < DecileBaseline.Bins; bin++)
        {
            var expected = Share(baseline.Counts[bin], total);
            var actual = Share(liveCounts[bin], live.Length);
            psi += (actual - expected) * Math.Log(actual / expected);
        }

        return psi;
    }

    /// <summary><c>none</c>, <c>moderate</c> or <c>significant</c>.</summary>
    public static string LevelOf(double psi) =>
        psi >= SignificantThreshold ? DriftLevels.Significant
        : psi >= ModerateThreshold ? DriftLevels.Moderate
        : DriftLevels.None;

    private static double Share(long count, long total) => count == 0 ? Epsilon : (double)count / total;
}
