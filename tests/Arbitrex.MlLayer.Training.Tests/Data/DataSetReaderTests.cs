using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Training.Data;
using Arbitrex.MlLayer.Training.Tests.TestSupport;

namespace Arbitrex.MlLayer.Training.Tests.Data;

[Trait("Category", "Unit")]
public sealed class DataSetReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_csv_file_is_read_in_time_order_with_its_sha256_and_line_numbers()
    {
        var lines = SyntheticDataSet.CsvLines(3);
        var path = _folder.Write("bars.csv", $"{SyntheticDataSet.Header}\n{lines[2]}\n{lines[0]}\n{lines[1]}\n");

        var dataSet = DataSetReader.Read(path);

        Assert.Equal([3, 4, 2], dataSet.Rows.Select(r => r.Line));
        Assert.Equal([SyntheticDataSet.Start, SyntheticDataSet.Start.AddHours(1), SyntheticDataSet.Start.AddHours(2)], dataSet.Rows.Select(r => r.BarTime));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), dataSet.Sha256);
        Assert.Equal(CanonicalFeatures.All.Count, dataSet.Rows[0].Features.Count);
    }

    [Fact]
    public void Csv_columns_are_found_by_name_in_any_order_and_extra_columns_are_ignored()
    {
        var path = _folder.Write("bars.csv", Reordered(SyntheticDataSet.Csv(2)));

        var dataSet = DataSetReader.Read(_folder.Write("plain.csv", SyntheticDataSet.Csv(2)));
        var reordered = DataSetReader.Read(path);

        Assert.Equal(dataSet.Rows.Select(r => (r.BarTime, r.Label, string.Join(',', r.Features))),
            reordered.Rows.Select(r => (r.BarTime, r.Label, string.Join(',', r.Features))));
    }

    [Fact]
    public void A_jsonl_file_gives_the_same_rows_as_the_csv_it_was_made_from()
    {
        var csv = DataSetReader.Read(_folder.Write("bars.csv", SyntheticDataSet.Csv(5)));
        var jsonl = string.Join('\n', csv.Rows.Select(JsonLine));

        var fromJsonl = DataSetReader.Read(_folder.Write("bars.jsonl", jsonl));

        Assert.Equal(csv.Rows.Select(r => (r.BarTime, r.Label, string.Join(',', r.Features))),
            fromJsonl.Rows.Select(r => (r.BarTime, r.Label, string.Join(',', r.Features))));
    }

    [Fact]
    public void A_missing_column_is_refused_naming_it_on_the_header_line()
    {
        var text = SyntheticDataSet.Csv(3).Replace("spread_bps", "spread", StringComparison.Ordinal);

        var error = Assert.Throws<TrainingDataException>(() => DataSetReader.Read(_folder.Write("bars.csv", text)));

        Assert.Equal((1, "spread_bps"), (error.Line, error.Column));
        Assert.Contains("line 1, column 'spread_bps'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "rsi", "is not a number")]
    [InlineData("NaN", "rsi", "is not a finite number")]
    [InlineData("1e39", "rsi", "outside the range of a 32-bit float")]
    [InlineData("2", "label", "is not 0 or 1")]
    [InlineData("yesterday", "bar_time", "is not an ISO 8601 time")]
    public void A_bad_cell_is_refused_naming_its_line_and_column(string cell, string column, string reason)
    {
        var lines = SyntheticDataSet.CsvLines(4).ToArray();
        var cells = lines[2].Split(',');
        cells[DataSetColumns.Required.ToList().IndexOf(column)] = cell;
        lines[2] = string.Join(',', cells);
        var path = _folder.Write("bars.csv", SyntheticDataSet.Header + "\n" + string.Join('\n', lines));

        var error = Assert.Throws<TrainingDataException>(() => DataSetReader.Read(path));

        Assert.Equal((4, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jsonl_row_without_a_feature_is_refused_naming_its_line_and_the_feature()
    {
        var path = _folder.Write("bars.jsonl", "\n" + """{"bar_time":"2026-03-02T00:00:00Z","label":1}""");

        var error = Assert.Throws<TrainingDataException>(() => DataSetReader.Read(path));

        Assert.Equal((2, CanonicalFeatures.MomentumScore), (error.Line, error.Column));
    }

    [Fact]
    public void A_jsonl_feature_given_as_a_string_is_refused_as_not_a_number()
    {
        var csv = DataSetReader.Read(_folder.Write("bars.csv", SyntheticDataSet.Csv(1)));
        var line = JsonLine(csv.Rows[0]).Replace("\"rsi\":", "\"rsi\":\"", StringComparison.Ordinal).Replace(",\"z_score\"", "\",\"z_score\"", StringComparison.Ordinal);

        var error = Assert.Throws<TrainingDataException>(() => DataSetReader.Read(_folder.Write("bars.jsonl", line)));

        Assert.Equal((1, "rsi"), (error.Line, error.Column));
    }

    [Fact]
    public void An_unknown_file_type_is_refused_naming_the_extensions_it_reads()
    {
        var error = Assert.Throws<TrainingDataException>(() => DataSetReader.Read(_folder.Write("bars.parquet", "x")));

        Assert.Contains(".csv or .jsonl", error.Message, StringComparison.Ordinal);
    }

    private static string Reordered(string csv)
    {
        var rows = csv.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        return string.Join('\n', rows.Select((cells, i) => string.Join(',', [.. cells.Reverse(), i == 0 ? "symbol" : "EURUSD"]))) + "\n";
    }

    private static string JsonLine(TrainingRow row) =>
        "{\"bar_time\":\"" + row.BarTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\","
        + string.Join(',', CanonicalFeatures.All.Select((name, i) => $"\"{name}\":{row.Features[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"))
        + ",\"label\":" + (row.Label ? "1" : "0") + "}";
}
