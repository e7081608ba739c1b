namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>The two-sample KS statistic D (largest distance between the two empirical CDFs) and its two-sided p-value.</summary>
public readonly record struct KolmogorovSmirnovResult(double Statistic, double PValue);
