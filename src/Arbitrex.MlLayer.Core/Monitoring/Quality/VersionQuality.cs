namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>Live quality of one signal filter version over its window, overall and per regime.</summary>
public sealed record VersionQuality
{
    public required string ModelVersion { get; init; }

    /// <summary>When the oldest outcome in the window was recorded; null when the window is empty.</summary>
    public DateTimeOffset? OldestOutcomeAt { get; init; }

    /// <summary>When the newest outcome in the window was recorded; null when the window is empty.</summary>
    public DateTimeOffset? NewestOutcomeAt { get; init; }

    public required QualityFigures Overall { get; init; }

    /// <summary>Per regime label of the decisions (only regimes with outcomes in the window).</summary>
    public required IReadOnlyDictionary<string, QualityFigures> Regimes { get; init; }
}
