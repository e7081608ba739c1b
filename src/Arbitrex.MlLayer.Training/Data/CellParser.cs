using System.Globalization;

namespace Arbitrex.MlLayer.Training.Data;

/// <summary>Turns the text of one cell into a value, or a <see cref="TrainingDataException"/> naming the line and column.</summary>
internal static class CellParser
{
    private const NumberStyles NumberStyle = NumberStyles.Float;

    public static DateTimeOffset BarTime(string text, int line)
    {
        // An ISO 8601 time; one without an offset is taken as UTC, as the feature engine writes them.
        if (!DateTimeOffset.TryParse(
                text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            throw TrainingDataException.At(line, DataSetColumns.BarTime, $"'{text}' is not an ISO 8601 time");
        }

        return time;
    }

    public static double Feature(string text, string column, int line)
    {
        if (!double.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out var value))
        {
            throw TrainingDataException.At(line, column, $"'{text}' is not a number");
        }

        return Finite(value, column, line);
    }

    public static double Finite(double value, string column, int line)
    {
        if (!double.IsFinite(value))
        {
            throw TrainingDataException.At(line, column, $"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }

        // Microsoft.ML trains on 32-bit floats; a value beyond their range would become infinite there.
        if (!float.IsFinite((float)value))
        {
            throw TrainingDataException.At(line, column, $"{value.ToString("R", CultureInfo.InvariantCulture)} is outside the range of a 32-bit float");
        }

        return value;
    }

    public static bool Label(string text, int line) => text.Trim() switch
    {
        "0" => false,
        "1" => true,
        _ => throw TrainingDataException.At(line, DataSetColumns.Label, $"'{text}' is not 0 or 1"),
    };
}
