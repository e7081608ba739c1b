using System.Globalization;
using System.Text;
using Arbitrex.MlLayer.Training.Data;

namespace Arbitrex.MlLayer.Training.Tests.TestSupport;

/// <summary>
/// A deterministic labelled data set over the 16 canonical features: hourly bars from a fixed start, features
/// drawn from a seeded generator, the label drawn with a probability that depends on a few features, so a
/// model has something to learn. The same seed always gives the same file.
/// </summary>
internal static class SyntheticDataSet
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static string Header => string.Join(',', DataSetColumns.Required);

    /// <summary>Data lines (no header), one per bar, in time order.</summary>
    public static IReadOnlyList<string> CsvLines(int rows, int seed = 11)
    {
        var random = new Random(seed);
        var lines = new List<string>(rows);
        for (var i = 0; i < rows; i++)
        {
            var features = Features(random);
            var logit = (2.5 * features[0]) + (3.0 * (features[1] - 0.4)) - (0.4 * (features[12] - 2.0)) + (8.0 * features[14]);
            var label = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-logit)) ? 1 : 0;
            var cells = features.Select(v => v.ToString("R", CultureInfo.InvariantCulture));
            lines.Add($"{Start.AddHours(i):yyyy-MM-ddTHH:mm:ssZ},{string.Join(',', cells)},{label}");
        }

        return lines;
    }

    public static string Csv(int rows, int seed = 11)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var line in CsvLines(rows, seed))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static double[] Features(Random random)
    {
        double Uniform(double low, double high) => Math.Round(low + ((high - low) * random.NextDouble()), 4);
        return
        [
            Uniform(-1, 1), Uniform(0, 1), Uniform(0.001, 0.03), Uniform(0, 1),
            Uniform(-1, 1), Uniform(0, 1), Uniform(5, 95), Uniform(-3, 3),
            Uniform(-0.6, 0.6), Uniform(0.3, 0.7), Uniform(0.5, 2), Uniform(0.2, 3),
            Uniform(0.1, 6), Uniform(0, 1), Uniform(-0.1, 0), Uniform(-2, 2),
        ];
    }
}
