using System.IO.Compression;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm;

/// <summary>
/// A model the native LightGBM library trained, and its outputs for 1,000 reference rows
/// (written by tools/lightgbm/Arbitrex.MlLayer.LightGbmFixtures).
/// </summary>
internal sealed class LightGbmFixture
{
    public static readonly string[] ModelNames =
    [
        "default_31_leaves", "deep_255_leaves", "small_trees_500", "zeros_and_thresholds", "missing_nan", "missing_zero",
        "feature_subset", "random_forest",
    ];

    private LightGbmFixture(string[] featureNames, double[][] rows, double[] rawScores, double[] probabilities, double[][] contributions)
    {
        FeatureNames = featureNames;
        Rows = rows;
        RawScores = rawScores;
        Probabilities = probabilities;
        Contributions = contributions;
    }

    public string[] FeatureNames { get; }

    public double[][] Rows { get; }

    public double[] RawScores { get; }

    public double[] Probabilities { get; }

    public double[][] Contributions { get; }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Models", "LightGbm", "Fixtures");

    public static byte[] ModelBytes(string name) => Decompress(Path.Combine(Directory, name + ".model.txt.gz"));

    /// <summary>The model as a plain file, for the native library to load.</summary>
    public static string ModelFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arbitrex-lightgbm-{name}-{Environment.ProcessId}.txt");
        File.WriteAllBytes(path, ModelBytes(name));
        return path;
    }

    public static LightGbmFixture Reference(string name)
    {
        using var document = JsonDocument.Parse(Decompress(Path.Combine(Directory, name + ".reference.json.gz")));
        var root = document.RootElement;
        return new LightGbmFixture(
            [.. root.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("rows").EnumerateArray().Select(Numbers)],
            Numbers(root.GetProperty("raw_scores")),
            Numbers(root.GetProperty("probabilities")),
            [.. root.GetProperty("contributions").EnumerateArray().Select(Numbers)]);
    }

    private static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static double[] Numbers(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())];
}
