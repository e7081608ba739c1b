namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// One bin of the calibration table: the outcomes whose probability lies in [<paramref name="Lower"/>,
/// <paramref name="Upper"/>) (the last bin includes 1.0), their mean predicted probability and their observed success rate.
/// </summary>
/// <param name="MeanPredicted">Null when the bin is empty or the table is insufficient.</param>
/// <param name="ObservedRate">Null when the bin is empty or the table is insufficient.</param>
public sealed record LiveCalibrationBin(double Lower, double Upper, long Count, double? MeanPredicted, double? ObservedRate);
