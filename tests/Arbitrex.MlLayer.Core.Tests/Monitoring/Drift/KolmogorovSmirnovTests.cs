using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Monitoring.Drift;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>The statistic and p-value against <c>scipy.stats.ks_2samp(a, b)</c> (default method) on fixed samples, to 1e-9.</summary>
[Trait("Category", "Integration")]
public sealed class KolmogorovSmirnovTests
{
    private const string Script = """
        import json, sys
        from scipy.stats import ks_2samp
        cases = json.load(sys.stdin)
        print(json.dumps([[float(r.statistic), float(r.pvalue)] for r in (ks_2samp(c[0], c[1]) for c in cases)]))
        """;

    public static TheoryData<string> Cases => [.. Samples.Keys];

    private static readonly Dictionary<string, (double[] First, double[] Second)> Samples = new()
    {
        ["equal sizes, same distribution"] = (DriftSamples.Normal(1, 300), DriftSamples.Normal(2, 300)),
        ["equal sizes, shifted by 0.3"] = (DriftSamples.Normal(3, 500), DriftSamples.Normal(4, 500, mean: 0.3)),
        ["unequal sizes, same distribution"] = (DriftSamples.Normal(5, 1000), DriftSamples.Normal(6, 700)),
        ["unequal sizes, shifted by 0.2"] = (DriftSamples.Normal(7, 1000), DriftSamples.Normal(8, 500, mean: 0.2)),
        ["unequal sizes, wider"] = (DriftSamples.Normal(9, 1000), DriftSamples.Normal(10, 2000, deviation: 1.3)),
        ["far apart, tiny p-value"] = (DriftSamples.Normal(11, 400), DriftSamples.Normal(12, 900, mean: 1.5)),
        ["ties from rounding"] = (DriftSamples.Normal(13, 1000, decimals: 1), DriftSamples.Normal(14, 600, mean: 0.1, decimals: 1)),
        ["small and coprime sizes"] = (DriftSamples.Normal(15, 17), DriftSamples.Normal(16, 23, mean: 0.8)),
        ["one value against many"] = (DriftSamples.Normal(17, 1), DriftSamples.Normal(18, 50)),
        ["identical samples"] = (DriftSamples.Normal(19, 200), DriftSamples.Normal(19, 200)),
    };

    private static readonly Lazy<Task<JsonArray>> Reference = new(async () =>
        (await Scipy.RunAsync(Script, Samples.Values.Select(s => new[] { s.First, s.Second }).ToList())).AsArray());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Statistic_and_p_value_match_scipy_ks_2samp(string name)
    {
        var index = Samples.Keys.ToList().IndexOf(name);
        var (first, second) = Samples[name];
        var expected = (await Reference.Value)[index]!.AsArray();

        var result = KolmogorovSmirnov.TwoSample(first, second);

        Assert.Equal(expected[0]!.GetValue<double>(), result.Statistic, 1e-9);
        AssertClose(expected[1]!.GetValue<double>(), result.PValue);
    }

    [Fact]
    public void The_test_is_symmetric_in_its_samples()
    {
        var (first, second) = Samples["unequal sizes, shifted by 0.2"];

        Assert.Equal(KolmogorovSmirnov.TwoSample(first, second), KolmogorovSmirnov.TwoSample(second, first));
    }

    [Fact]
    public void Samples_beyond_the_exact_range_or_empty_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([], [1.0]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample(new double[KolmogorovSmirnov.MaxExactSize + 1], [1.0]));
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([double.NaN], [1.0]));
    }

    /// <summary>1e-9 absolute, and 1e-9 relative for the tiny p-values of far-apart samples.</summary>
    private static void AssertClose(double expected, double actual)
    {
        Assert.Equal(expected, actual, 1e-9);
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"p-value {actual:R}, scipy {expected:R}");
    }
}
