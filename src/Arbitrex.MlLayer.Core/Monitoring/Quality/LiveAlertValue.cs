namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>A live quality alert metric's value: the worst tracked version's figure, and which version it is.</summary>
public readonly record struct LiveAlertValue(double Value, string ModelVersion, long Outcomes);
