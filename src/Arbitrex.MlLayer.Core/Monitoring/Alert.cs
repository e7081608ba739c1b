namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>One alert of one rule: what <c>GET /alerts</c> lists and the alert history records.</summary>
public sealed record Alert
{
    public required string Name { get; init; }

    public required string Metric { get; init; }

    public required string Operator { get; init; }

    public required double Threshold { get; init; }

    public required int WindowMinutes { get; init; }

    public required string Severity { get; init; }

    public required AlertState State { get; init; }

    /// <summary>The metric's value at the evaluation that produced this state; null when the window had too few predictions.</summary>
    public double? Value { get; init; }

    /// <summary>Human-readable, e.g. <c>suppression_rate 0.95 &gt; 0.9 over 60 min</c>.</summary>
    public required string Message { get; init; }

    public DateTimeOffset? PendingSince { get; init; }

    public DateTimeOffset? FiredAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
