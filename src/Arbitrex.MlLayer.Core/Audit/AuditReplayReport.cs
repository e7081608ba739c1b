namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>What a replay of an audit log found.</summary>
public sealed record AuditReplayReport
{
    /// <summary>Records read, including those that could not be replayed.</summary>
    public required long Records { get; init; }

    /// <summary>Records whose decision was recomputed.</summary>
    public required long Replayed { get; init; }

    /// <summary>Replayed records whose <c>allow_trade</c>, regime label or reasons differ.</summary>
    public required long Changed { get; init; }

    public required long AllowChanged { get; init; }

    public required long RegimeChanged { get; init; }

    public required long ReasonsChanged { get; init; }

    /// <summary>Fail-closed records logged without features or QSE output: nothing to recompute them from.</summary>
    public required long NotReplayable { get; init; }

    /// <summary>Records whose inputs the replayed engine refused.</summary>
    public required long Refused { get; init; }

    /// <summary>The first changed decisions, in log order (at most the limit given to the replay).</summary>
    public required IReadOnlyList<AuditReplayChange> Changes { get; init; }

    /// <summary>The first refused records, in log order (at most the limit given to the replay).</summary>
    public required IReadOnlyList<AuditReplayFailure> Refusals { get; init; }
}
