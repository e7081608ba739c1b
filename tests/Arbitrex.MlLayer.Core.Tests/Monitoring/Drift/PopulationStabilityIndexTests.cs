using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>
/// PSI of live values against deciles of a baseline sample, compared with numpy on the same fixed samples to 1e-9:
/// <c>numpy.quantile</c> for the edges, <c>searchsorted</c> for the bins, and the documented epsilon for empty ones.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PopulationStabilityIndexTests
{
    private const string Script = """
        import json, sys
        import numpy as np
        eps = 1e-4
        def shares(values, inner):
            counts = np.bincount(np.searchsorted(inner, values, side="left"), minlength=10).astype(float)
            s = counts / len(values)
            return np.where(counts == 0, eps, s)
        out = []
        for base, live in json.load(sys.stdin):
            edges = np.quantile(np.array(base), np.arange(11) / 10)
            e, a = shares(base, edges[1:-1]), shares(live, edges[1:-1])
            out.append(float(np.sum((a - e) * np.log(a / e))))
        print(json.dumps(out))
        """;

    private static readonly Dictionary<string, (double[] Baseline, double[] Live)> Samples = new()
    {
        ["same distribution"] = (DriftSamples.Normal(21, 2000), DriftSamples.Normal(22, 600)),
        ["shifted by half a deviation"] = (DriftSamples.Normal(23, 2000), DriftSamples.Normal(24, 500, mean: 0.5)),
        ["twice as wide"] = (DriftSamples.Normal(25, 1500), DriftSamples.Normal(26, 800, deviation: 2)),
        ["live beyond the baseline's range"] = (DriftSamples.Normal(27, 1000), DriftSamples.Normal(28, 300, mean: 6)),
        ["ties leave baseline bins empty"] = (DriftSamples.Normal(29, 1000, decimals: 0), DriftSamples.Normal(30, 700, mean: 0.4, decimals: 1)),
        ["few live values"] = (DriftSamples.Normal(31, 1000), DriftSamples.Normal(32, 7)),
    };

    public static TheoryData<string> Cases => [.. Samples.Keys];

    private static readonly Lazy<Task<JsonArray>> Reference = new(async () =>
        (await Scipy.RunAsync(Script, Samples.Values.Select(s => new[] { s.Baseline, s.Live }).ToList())).AsArray());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Psi_matches_numpy_on_the_same_bins(string name)
    {
        var index = Samples.Keys.ToList().IndexOf(name);
        var (baseline, live) = Samples[name];
        var expected = (await Reference.Value)[index]!.GetValue<double>();

        var psi = PopulationStabilityIndex.Of(DecileBaseline.Of(baseline), live);

        Assert.Equal(expected, psi, 1e-9);
    }

    [Fact]
    public void The_same_values_have_a_psi_of_zero()
    {
        var values = DriftSamples.Normal(33, 1000);

        Assert.Equal(0, PopulationStabilityIndex.Of(DecileBaseline.Of(values), values), 12);
    }

    [Theory]
    [InlineData(0.0, "none")]
    [InlineData(0.0999, "none")]
    [InlineData(0.1, "moderate")]
    [InlineData(0.2499, "moderate")]
    [InlineData(0.25, "significant")]
    [InlineData(3.0, "significant")]
    public void Levels_follow_the_usual_thresholds(double psi, string level)
    {
        Assert.Equal(level, PopulationStabilityIndex.LevelOf(psi));
    }

    [Fact]
    public void A_shift_reads_as_significant_and_noise_as_none()
    {
        var baseline = DecileBaseline.Of(DriftSamples.Normal(34, 2000));

        Assert.Equal(DriftLevels.None, PopulationStabilityIndex.LevelOf(PopulationStabilityIndex.Of(baseline, DriftSamples.Normal(35, 1000))));
        Assert.Equal(DriftLevels.Significant, PopulationStabilityIndex.LevelOf(PopulationStabilityIndex.Of(baseline, DriftSamples.Normal(36, 1000, mean: 1))));
    }
}
