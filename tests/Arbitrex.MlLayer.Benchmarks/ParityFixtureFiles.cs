using System.IO.Compression;
using System.Text.Json;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// Reads the parity fixtures of Arbitrex.MlLayer.Core.Tests (a model and its reference rows), found by walking up
/// from the running assembly or named by an environment variable, so the benchmarks, the native libraries and
/// tools/xgboost/bench_xgboost.py use the same model and rows.
/// </summary>
internal sealed class ParityFixtureFiles(string modelsFolder, string modelSuffix, string environmentVariable)
{
    /// <summary>xgboost's JSON models.</summary>
    public static ParityFixtureFiles Xgboost { get; } = new("Xgboost", ".model.json.gz", "ARBITREX_XGBOOST_FIXTURES");

    /// <summary>LightGBM's text models.</summary>
    public static ParityFixtureFiles LightGbm { get; } = new("LightGbm", ".model.txt.gz", "ARBITREX_LIGHTGBM_FIXTURES");

    private readonly string _fixtureFolder = Path.Combine("tests", "Arbitrex.MlLayer.Core.Tests", "Models", modelsFolder, "Fixtures");

    public byte[] Model(string name) => Decompress(Path.Combine(Folder(), name + modelSuffix));

    /// <summary>The model as a plain file, for a native library to load.</summary>
    public string ModelFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arbitrex-bench-{name}-{Environment.ProcessId}{modelSuffix[..^".gz".Length]}");
        File.WriteAllBytes(path, Model(name));
        return path;
    }

    /// <summary>The reference rows, row-major, NaN where a value is missing.</summary>
    public double[][] Rows(string name)
    {
        using var document = JsonDocument.Parse(Decompress(Path.Combine(Folder(), name + ".reference.json.gz")));
        return
        [
            .. document.RootElement.GetProperty("rows").EnumerateArray()
                .Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray()),
        ];
    }

    private string Folder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, _fixtureFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No '{_fixtureFolder}' above {AppContext.BaseDirectory}; set {environmentVariable}.");
    }

    private static byte[] Decompress(string path)
    {
        // The gzip stream owns the file and closes it.
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
