using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>Bars of the 16 canonical features drawn from fixed normal samples, and baselines of the same distribution.</summary>
internal static class LiveBars
{
    /// <summary>A baseline of <paramref name="rows"/> standard-normal rows per feature (with its KS sample) and of probabilities around 0.6.</summary>
    public static DriftBaseline Baseline(int rows = 2000) => new(
        CanonicalFeatures.All.Select((name, f) => (name, values: DriftSamples.Normal(1000 + f, rows)))
            .ToDictionary(p => p.name, p => DecileBaseline.Of(p.values) with { Sample = DecileBaseline.SpreadSample(p.values) }),
        DecileBaseline.Of(DriftSamples.Normal(99, rows, mean: 0.6, deviation: 0.05)));

    /// <summary><paramref name="count"/> bars from seed <paramref name="seed"/>; from bar <paramref name="shiftFrom"/> on, <paramref name="shifted"/> gets <paramref name="shift"/> added.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> Stream(int seed, int count, string? shifted = null, double shift = 0, int shiftFrom = 0)
    {
        var columns = CanonicalFeatures.All.Select((_, f) => DriftSamples.Normal((seed * 100) + f, count)).ToList();
        return [.. Enumerable.Range(0, count).Select(i => (IReadOnlyDictionary<string, double>)CanonicalFeatures.All
            .Select((name, f) => (name, columns[f][i] + (name == shifted && i >= shiftFrom ? shift : 0)))
            .ToDictionary(p => p.name, p => p.Item2))];
    }
}
