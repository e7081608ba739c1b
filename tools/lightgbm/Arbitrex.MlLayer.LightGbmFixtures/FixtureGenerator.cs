using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;

namespace Arbitrex.MlLayer.LightGbmFixtures;

/// <summary>
/// Makes one fixture: trains on deterministic synthetic data with the native library, then writes the model
/// (<c>NAME.model.txt.gz</c>) and the native library's outputs for 1,000 reference rows (<c>NAME.reference.json.gz</c>).
/// </summary>
internal static class FixtureGenerator
{
    private const double ZeroThreshold = 1e-35f;

    public static void Generate(FixtureSpec spec, string directory)
    {
        var random = new SplitMix64(spec.Seed);
        var names = spec.Columns?.Select(c => CanonicalFeatures.All[c]).ToArray() ?? [.. CanonicalFeatures.All];
        var train = SyntheticBars.Features(random, spec.TrainRows, spec.Decimals);
        SyntheticBars.BlankOut(random, train, spec.MissingRate);
        var labels = SyntheticBars.Labels(random, train);
        if (spec.Columns is not null)
        {
            train = SyntheticBars.Select(train, spec.Columns);
        }

        var modelPath = Path.Combine(directory, spec.Name + ".model.txt");
        NativeTrainer.TrainAndSave(train, labels, names, spec.AllParameters, spec.Iterations, modelPath);
        var modelText = File.ReadAllText(modelPath);

        var rows = SyntheticBars.Features(random, FixtureSpec.ReferenceRows, spec.Decimals);
        SyntheticBars.BlankOut(random, rows, spec.MissingRate);
        if (spec.Columns is not null)
        {
            rows = SyntheticBars.Select(rows, spec.Columns);
        }

        if (spec.Quirks == RowQuirks.ZerosAndThresholds)
        {
            AddEdgeValues(random, rows, names.Length, Thresholds(modelText, names.Length));
        }

        using var booster = NativeLightGbmBooster.Load(modelPath, names.Length);
        var reference = Reference(names, rows, booster);
        File.Delete(modelPath);
        WriteCompressed(Path.Combine(directory, spec.ModelFileName), Encoding.UTF8.GetBytes(modelText));
        WriteCompressed(Path.Combine(directory, spec.ReferenceFileName), reference);
    }

    public static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Every split threshold of the model, per feature, read from its <c>split_feature=</c>/<c>threshold=</c> lines.</summary>
    private static List<double>[] Thresholds(string modelText, int featureCount)
    {
        var thresholds = Enumerable.Range(0, featureCount).Select(_ => new List<double>()).ToArray();
        string[]? features = null;
        foreach (var line in modelText.Split('\n'))
        {
            if (line.StartsWith("split_feature=", StringComparison.Ordinal))
            {
                features = line["split_feature=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (line.StartsWith("threshold=", StringComparison.Ordinal) && features is not null)
            {
                var values = line["threshold=".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < values.Length; i++)
                {
                    thresholds[int.Parse(features[i], CultureInfo.InvariantCulture)].Add(double.Parse(values[i], CultureInfo.InvariantCulture));
                }
            }
        }

        return thresholds;
    }

    private static void AddEdgeValues(SplitMix64 random, double[] rows, int width, List<double>[] thresholds)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            var known = thresholds[i % width];
            var draw = random.NextDouble();
            rows[i] = draw switch
            {
                < 0.30 when known.Count > 0 => known[random.Next(known.Count)],
                < 0.38 => 0.0,
                < 0.41 => -0.0,
                < 0.44 => random.NextDouble() < 0.5 ? 1e-36 : -1e-36,
                < 0.46 => random.NextDouble() < 0.5 ? ZeroThreshold : -ZeroThreshold,
                < 0.48 => Math.BitIncrement(ZeroThreshold),
                _ => rows[i],
            };
        }
    }

    private static byte[] Reference(string[] names, double[] rows, NativeLightGbmBooster booster)
    {
        var width = names.Length;
        var probabilities = booster.PredictProbabilities(rows);
        var rawScores = booster.PredictRawScores(rows);
        var contributions = booster.PredictContributions(rows);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("feature_names");
            foreach (var name in names)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            WriteMatrix(json, "rows", rows, width);
            WriteMatrix(json, "raw_scores", rawScores, 1);
            WriteMatrix(json, "probabilities", probabilities, 1);
            WriteMatrix(json, "contributions", contributions, width + 1);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteMatrix(Utf8JsonWriter json, string name, double[] values, int width)
    {
        json.WriteStartArray(name);
        for (var r = 0; r < values.Length / width; r++)
        {
            if (width > 1)
            {
                json.WriteStartArray();
            }

            foreach (var value in values.AsSpan(r * width, width))
            {
                if (double.IsNaN(value))
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteNumberValue(value);
                }
            }

            if (width > 1)
            {
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }

    private static void WriteCompressed(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(content);
    }
}
