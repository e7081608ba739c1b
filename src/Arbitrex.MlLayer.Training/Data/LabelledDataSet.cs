namespace Arbitrex.MlLayer.Training.Data;

/// <summary>The rows of a data file in time order (bar_time ascending; rows of one bar_time keep their file order), and the file's SHA-256.</summary>
public sealed record LabelledDataSet
{
    public required string SourcePath { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public required string Sha256 { get; init; }

    public required IReadOnlyList<TrainingRow> Rows { get; init; }
}
