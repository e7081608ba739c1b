namespace Arbitrex.MlLayer.Training.Metadata;

/// <summary>Which file trained the model: its name, SHA-256 and row count.</summary>
public sealed record DataSetSummary(string File, string Sha256, int Rows);
