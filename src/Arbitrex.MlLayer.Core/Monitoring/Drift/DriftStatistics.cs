namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The drift of one live value against its baseline. <see cref="Level"/> is a <see cref="DriftLevels"/> value; below
/// the minimum sample, or without a baseline, only <see cref="N"/> is given. The KS figures need the baseline's sample.
/// </summary>
public sealed record DriftStatistics(string Level, int N, double? Psi = null, double? KsStatistic = null, double? KsPValue = null);
