namespace Arbitrex.MlLayer.Training.Evaluation;

/// <summary>
/// One of ten equal-width probability bins [Lower, Upper) (the last includes 1): how many rows the model put
/// there, their mean predicted probability and the observed share of positives; both null when the bin is empty.
/// </summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double? MeanPredicted, double? ObservedRate);
