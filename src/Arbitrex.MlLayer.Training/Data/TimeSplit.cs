namespace Arbitrex.MlLayer.Training.Data;

/// <summary>
/// A data set cut by time: the older rows train, the newer validate. Rows of one bar_time are never on
/// both sides, so the validation rows are all strictly newer than the training rows.
/// </summary>
public sealed record TimeSplit(IReadOnlyList<TrainingRow> Training, IReadOnlyList<TrainingRow> Validation)
{
    /// <param name="rows">Rows in time order, as <see cref="DataSetReader"/> returns them.</param>
    /// <param name="validationFraction">Share of the rows (the newest) to hold out, 0–1.</param>
    /// <exception cref="TrainingDataException">Either side would be empty.</exception>
    public static TimeSplit Of(IReadOnlyList<TrainingRow> rows, double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validationFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(validationFraction, 1.0);

        var cut = rows.Count - (int)Math.Round(rows.Count * validationFraction, MidpointRounding.AwayFromZero);

        // Rows sharing the bar_time at the cut train together rather than straddle it.
        while (cut > 0 && cut < rows.Count && rows[cut].BarTime == rows[cut - 1].BarTime)
        {
            cut++;
        }

        if (cut <= 0 || cut >= rows.Count)
        {
            throw new TrainingDataException(
                $"A validation fraction of {validationFraction} of {rows.Count} rows leaves no {(cut <= 0 ? "training" : "validation")} rows (rows sharing one bar_time stay on one side).");
        }

        return new TimeSplit([.. rows.Take(cut)], [.. rows.Skip(cut)]);
    }
}
