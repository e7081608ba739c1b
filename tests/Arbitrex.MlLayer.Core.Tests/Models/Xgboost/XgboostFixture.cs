using System.IO.Compression;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Tests.Models.Xgboost;

/// <summary>A model and the outputs the real xgboost computed for it (written by tools/xgboost/make_parity_fixtures.py).</summary>
internal sealed class XgboostFixture
{
    public static readonly string[] ModelNames =
    [
        "depth2_trees10", "depth4_trees60_base035", "depth6_trees100", "depth8_trees40", "depth3_trees500",
        "depth5_trees30_subset_exact",
    ];

    private XgboostFixture(string[] featureNames, double[][] rows, double[] margins, double[] probabilities, double[][] contributions)
    {
        FeatureNames = featureNames;
        Rows = rows;
        Margins = margins;
        Probabilities = probabilities;
        Contributions = contributions;
    }

    public string[] FeatureNames { get; }

    public double[][] Rows { get; }

    public double[] Margins { get; }

    public double[] Probabilities { get; }

    public double[][] Contributions { get; }

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Models", "Xgboost", "Fixtures");

    public static byte[] ModelBytes(string name)
    {
        using var file = File.OpenRead(Path.Combine(Directory, name + ".model.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    public static XgboostFixture Reference(string name)
    {
        using var file = File.OpenRead(Path.Combine(Directory, name + ".reference.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        var root = document.RootElement;
        return new XgboostFixture(
            [.. root.GetProperty("feature_names").EnumerateArray().Select(e => e.GetString()!)],
            [.. root.GetProperty("rows").EnumerateArray().Select(Numbers)],
            Numbers(root.GetProperty("margins")),
            Numbers(root.GetProperty("probabilities")),
            [.. root.GetProperty("contributions").EnumerateArray().Select(Numbers)]);
    }

    private static double[] Numbers(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())];
}
