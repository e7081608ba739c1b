namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>The 10-bin calibration table; with fewer outcomes than the minimum the bins give counts only.</summary>
/// <param name="Status"><see cref="QualityStatus.Ok"/> or <see cref="QualityStatus.Insufficient"/>.</param>
/// <param name="Count">Outcomes in the table.</param>
public sealed record CalibrationTable(string Status, long Count, IReadOnlyList<LiveCalibrationBin> Bins);
