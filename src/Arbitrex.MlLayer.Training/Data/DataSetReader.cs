using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Training.Data;

/// <summary>
/// Reads a labelled data set: CSV with a header row (<c>.csv</c>) or one JSON object per line (<c>.jsonl</c>),
/// each row holding <see cref="DataSetColumns.Required"/>. The first fault stops the read with a
/// <see cref="TrainingDataException"/> naming its line and column.
/// </summary>
public static class DataSetReader
{
    /// <exception cref="TrainingDataException">The file is unreadable, of an unknown type, or a row is refused.</exception>
    public static LabelledDataSet Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new TrainingDataException($"The data set '{path}' cannot be read: {e.Message}", e);
        }

        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(content).TrimStart('\uFEFF');
        var rows = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(text),
            ".jsonl" => ReadJsonl(text),
            var other => throw new TrainingDataException($"The data set '{path}' has the extension '{other}'; expected .csv or .jsonl."),
        };

        return new LabelledDataSet
        {
            SourcePath = Path.GetFullPath(path),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),

            // OrderBy is stable: rows of one bar_time keep their file order.
            Rows = [.. rows.OrderBy(r => r.BarTime)],
        };
    }

    private static List<TrainingRow> ReadCsv(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            throw TrainingDataException.At(1, null, "the header row is missing");
        }

        var header = SplitCsv(lines[0]);
        var positions = new int[DataSetColumns.Required.Count];
        for (var c = 0; c < positions.Length; c++)
        {
            positions[c] = Array.IndexOf(header, DataSetColumns.Required[c]);
            if (positions[c] < 0)
            {
                throw TrainingDataException.At(1, DataSetColumns.Required[c], "the header has no such column");
            }
        }

        var rows = new List<TrainingRow>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            var cells = SplitCsv(lines[i]);
            if (cells.Length != header.Length)
            {
                throw TrainingDataException.At(line, null, $"{cells.Length} cells where the header has {header.Length}");
            }

            var features = new double[CanonicalFeatures.All.Count];
            for (var f = 0; f < features.Length; f++)
            {
                features[f] = CellParser.Feature(cells[positions[f + 1]], CanonicalFeatures.All[f], line);
            }

            rows.Add(new TrainingRow(
                CellParser.BarTime(cells[positions[0]], line), features, CellParser.Label(cells[positions[^1]], line), line));
        }

        return rows;
    }

    // The data sets hold numbers and ISO times, so no cell needs quoting; quotes around a cell are tolerated.
    private static string[] SplitCsv(string line) =>
        [.. line.TrimEnd('\r').Split(',').Select(c => c.Trim().Trim('"'))];

    private static List<TrainingRow> ReadJsonl(string text)
    {
        var lines = text.Split('\n');
        var rows = new List<TrainingRow>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = i + 1;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(lines[i]);
            }
            catch (JsonException e)
            {
                throw TrainingDataException.At(line, null, "not a JSON object: " + e.Message);
            }

            using (document)
            {
                rows.Add(ReadJsonRow(document.RootElement, line));
            }
        }

        return rows;
    }

    private static TrainingRow ReadJsonRow(JsonElement row, int line)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw TrainingDataException.At(line, null, "not a JSON object");
        }

        var barTime = Property(row, DataSetColumns.BarTime, line);
        if (barTime.ValueKind != JsonValueKind.String)
        {
            throw TrainingDataException.At(line, DataSetColumns.BarTime, $"a {barTime.ValueKind} where an ISO 8601 string belongs");
        }

        var features = new double[CanonicalFeatures.All.Count];
        for (var f = 0; f < features.Length; f++)
        {
            var name = CanonicalFeatures.All[f];
            var cell = Property(row, name, line);
            features[f] = cell.ValueKind == JsonValueKind.Number && cell.TryGetDouble(out var value)
                ? CellParser.Finite(value, name, line)
                : throw TrainingDataException.At(line, name, $"{cell.GetRawText()} is not a number");
        }

        var label = Property(row, DataSetColumns.Label, line);
        var success = label.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => CellParser.Label(label.GetRawText(), line),
            _ => throw TrainingDataException.At(line, DataSetColumns.Label, $"{label.GetRawText()} is not 0 or 1"),
        };
        return new TrainingRow(CellParser.BarTime(barTime.GetString()!, line), features, success, line);
    }

    private static JsonElement Property(JsonElement row, string name, int line) =>
        row.TryGetProperty(name, out var value)
            ? value
            : throw TrainingDataException.At(line, name, "the column is missing");
}
