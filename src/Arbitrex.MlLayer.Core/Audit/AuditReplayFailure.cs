namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>A logged decision whose inputs the replayed engine refuses (e.g. a model reading a feature that was not logged).</summary>
public sealed record AuditReplayFailure
{
    public required long Sequence { get; init; }

    public required string DecisionId { get; init; }

    public required string Field { get; init; }

    public required string Error { get; init; }
}
