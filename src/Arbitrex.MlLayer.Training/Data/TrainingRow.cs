namespace Arbitrex.MlLayer.Training.Data;

/// <summary>One labelled bar: its time, the 16 canonical features in canonical order, and whether the trade succeeded.</summary>
/// <param name="Line">The 1-based line of the data file the row came from, for error messages.</param>
public sealed record TrainingRow(DateTimeOffset BarTime, IReadOnlyList<double> Features, bool Label, int Line);
