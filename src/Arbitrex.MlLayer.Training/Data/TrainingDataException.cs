namespace Arbitrex.MlLayer.Training.Data;

/// <summary>The data set cannot be trained on; the message names the line and column when there is one.</summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException()
    {
    }

    public TrainingDataException(string message)
        : base(message)
    {
    }

    public TrainingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The 1-based line of the offending row, when the fault is in one row.</summary>
    public int? Line { get; init; }

    /// <summary>The offending column, when the fault is in one column.</summary>
    public string? Column { get; init; }

    internal static TrainingDataException At(int line, string? column, string reason) =>
        new(column is null ? $"line {line}: {reason}" : $"line {line}, column '{column}': {reason}") { Line = line, Column = column };
}
