using System.Globalization;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Feed;

/// <summary>Reads one FeatureSnapshot or QseOutput per line; the kind is told by <c>features</c> or <c>gates</c>.</summary>
internal static class JsonlBars
{
    /// <exception cref="FormatException">A line is neither half, with its line number.</exception>
    public static IEnumerable<BarHalf> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            BarHalf half;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                half = root.ValueKind != JsonValueKind.Object
                    ? throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: not a JSON object"))
                    : root.TryGetProperty("features", out _)
                        ? new BarHalf(root.Deserialize<FeatureSnapshot>(ContractJson.Options), null)
                        : root.TryGetProperty("gates", out _)
                            ? new BarHalf(null, root.Deserialize<QseOutput>(ContractJson.Options))
                            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: neither features nor gates"));
            }
            catch (JsonException ex)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{number}: {ex.Message}"), ex);
            }

            yield return half;
        }
    }

    /// <summary>Reads the whole file once, keeping nothing.</summary>
    /// <exception cref="FormatException">A line is neither half, with its line number.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static void Check(string path) => _ = Read(path).Count();
}
