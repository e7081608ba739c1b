using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>What the bus and the HTTP side report to the monitor. Cheap enough for the hot path.</summary>
public interface IPredictionMonitor
{
    void Record(MlDecision decision);

    /// <summary>A bar whose other half never arrived; <paramref name="missingHalf"/> is <c>feature_snapshot</c> or <c>qse_output</c>.</summary>
    void RecordJoinTimeout(string missingHalf);

    /// <summary>A message refused before the engine ran (malformed, NaN, missing feature, ...).</summary>
    void RecordRejected(string reason);

    /// <summary>An audit write of a bar's decision failed (the decision is held back until one succeeds).</summary>
    void RecordAuditWriteFailure()
    {
    }
}
