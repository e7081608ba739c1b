namespace Arbitrex.MlLayer.Training.Metadata;

/// <summary>The rows of one side of the time split: first and last bar_time (UTC), how many, how many positive.</summary>
public sealed record DataWindow(DateTime FirstBarTime, DateTime LastBarTime, int Rows, int Positives)
{
    public static DataWindow Of(IReadOnlyList<Data.TrainingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DataWindow(rows[0].BarTime.UtcDateTime, rows[^1].BarTime.UtcDateTime, rows.Count, rows.Count(r => r.Label));
    }
}
