namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Told of every bus decision once its audit record is written: what follows a decision (outcome joining, drift,
/// the shadow) without the joiner knowing any of it. Register implementations as singletons; the joiner takes them all.
/// An observer runs on the decision path, so it must be quick and must not block; what it throws is logged and
/// counted, never passed to the decision.
/// </summary>
public interface IAuditedDecisionObserver
{
    /// <summary>Whether the observer is told before the decision is published or after the broker confirmed it.</summary>
    AuditedDecisionMoment Moment { get; }

    void Observe(AuditedDecision decision);
}
