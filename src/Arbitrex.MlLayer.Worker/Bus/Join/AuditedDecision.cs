using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// A bus decision whose audit record is written, with the halves it was decided from. A fail-closed decision has at
/// most one of them.
/// </summary>
public readonly record struct AuditedDecision(MlDecision Decision, IReadOnlyDictionary<string, double>? Features, QseOutput? Qse)
{
    /// <summary>The engine decided the bar from both halves (not fail-closed): a live input and prediction.</summary>
    public bool DecidedFromInputs => Features is not null && Qse is not null;
}
