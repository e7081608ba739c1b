namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The <c>record_type</c> of an audit line. A decision line carries none (every line written before
/// other types existed is a decision); every other line names its type right after <c>sequence</c>.
/// </summary>
public static class AuditRecordTypes
{
    /// <summary>A bus or HTTP decision: the line has no <c>record_type</c> member.</summary>
    public const string Decision = "decision";

    /// <summary>A shadow model's decision of a live bar (<see cref="DecisionSource.Shadow"/>): decision-shaped.</summary>
    public const string ShadowDecision = "shadow_decision";

    /// <summary>A trade outcome joined to the decision it refers to.</summary>
    public const string Outcome = "outcome";

    /// <summary>A drift baseline captured from live bars for a model.</summary>
    public const string BaselineCapture = "baseline_capture";

    /// <summary>True for the types whose lines are <see cref="AuditRecord"/>s.</summary>
    public static bool IsDecisionShaped(string recordType) => recordType is Decision or ShadowDecision;
}
