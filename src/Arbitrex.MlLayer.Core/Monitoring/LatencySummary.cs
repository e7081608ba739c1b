namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Processing-time statistics over the last <see cref="WindowSamples"/> predictions (at most
/// <see cref="MonitoringOptions.LatencyWindowSize"/>), milliseconds; percentiles are nearest-rank.
/// </summary>
public sealed record LatencySummary
{
    public static LatencySummary Empty { get; } = new();

    public int WindowSamples { get; init; }

    public double AvgMs { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }
}
