namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>When an <see cref="IAuditedDecisionObserver"/> is told of an audited decision.</summary>
public enum AuditedDecisionMoment
{
    /// <summary>After the audit, before the publish: nothing a subscriber does in reply to the decision can come first.</summary>
    BeforePublish,

    /// <summary>After the broker confirmed the publish: the observer neither delays nor precedes the live decision.</summary>
    AfterPublish,
}
