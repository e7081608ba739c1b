using System.IO.Compression;
using System.Text.Json;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// Reads the parity fixtures of Arbitrex.MlLayer.Core.Tests (text model and reference rows), found by
/// walking up from the running assembly, so the benchmarks and the native library see the same model and rows.
/// </summary>
internal static class LightGbmFixtureFiles
{
    private static readonly string FixtureFolder = Path.Combine("tests", "Arbitrex.MlLayer.Core.Tests", "Models", "LightGbm", "Fixtures");

    public static byte[] Model(string name) => Decompress(Path.Combine(Folder(), name + ".model.txt.gz"));

    /// <summary>The model as a plain file, for the native library to load.</summary>
    public static string ModelFile(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arbitrex-bench-{name}-{Environment.ProcessId}.txt");
        File.WriteAllBytes(path, Model(name));
        return path;
    }

    /// <summary>The reference rows, row-major, NaN where a value is missing.</summary>
    public static double[][] Rows(string name)
    {
        using var document = JsonDocument.Parse(Decompress(Path.Combine(Folder(), name + ".reference.json.gz")));
        return
        [
            .. document.RootElement.GetProperty("rows").EnumerateArray()
                .Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray()),
        ];
    }

    private static string Folder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ARBITREX_LIGHTGBM_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FixtureFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No '{FixtureFolder}' above {AppContext.BaseDirectory}; set ARBITREX_LIGHTGBM_FIXTURES.");
    }

    private static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
