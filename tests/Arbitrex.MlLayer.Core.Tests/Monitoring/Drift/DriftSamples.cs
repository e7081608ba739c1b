namespace Arbitrex.MlLayer.Core.Tests.Monitoring.Drift;

/// <summary>Fixed samples (seeded) for the drift statistics: normal, shifted, and rounded so that values tie.</summary>
internal static class DriftSamples
{
    public static double[] Normal(int seed, int count, double mean = 0, double deviation = 1, int? decimals = null)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Box–Muller: the test needs fixed values, not a particular generator.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var value = mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            values[i] = decimals is { } d ? Math.Round(value, d) : value;
        }

        return values;
    }
}
