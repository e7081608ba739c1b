using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Answer of <c>GET /models/{name}/{version}/performance</c>: the version's live quality over the window in force,
/// overall and per regime, beside its validation Brier score. Figures from fewer than <see cref="MinOutcomes"/>
/// outcomes are <c>{"value": null, "status": "insufficient", "count": n}</c>.
/// </summary>
public sealed record ModelPerformanceResponse
{
    public required string ModelName { get; init; }

    public required string Version { get; init; }

    /// <summary>Whether the engine decides with this version now.</summary>
    public required bool Active { get; init; }

    /// <summary>The registry metadata's <c>brier_score</c>; null when it has none.</summary>
    public double? ValidationBrier { get; init; }

    public required int WindowOutcomes { get; init; }

    public required int WindowHours { get; init; }

    public required int MinOutcomes { get; init; }

    public DateTimeOffset? OldestOutcomeAt { get; init; }

    public DateTimeOffset? NewestOutcomeAt { get; init; }

    public required QualityFigures Overall { get; init; }

    public required IReadOnlyDictionary<string, QualityFigures> Regimes { get; init; }
}
