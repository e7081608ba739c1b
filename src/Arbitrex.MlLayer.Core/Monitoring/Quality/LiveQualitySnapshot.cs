namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>The live quality section of <c>GET /metrics</c>: the window in force and every tracked version.</summary>
public sealed record LiveQualitySnapshot
{
    public required int WindowOutcomes { get; init; }

    public required int WindowHours { get; init; }

    public required int MinOutcomes { get; init; }

    /// <summary>Outcomes recorded since start (every version, inside the window or not).</summary>
    public required long OutcomesTotal { get; init; }

    /// <summary>Versions with outcomes in the window, ordered by version.</summary>
    public required IReadOnlyList<VersionQuality> Versions { get; init; }
}
