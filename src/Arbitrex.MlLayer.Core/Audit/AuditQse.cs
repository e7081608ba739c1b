using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The QSE half of a bar as the audit log keeps it: the verdict and the five gates. Symbol, timeframe
/// and bar time are not repeated; they are the record's own.
/// </summary>
public sealed record AuditQse
{
    public required bool SignalValid { get; init; }

    public required QseGates Gates { get; init; }
}
