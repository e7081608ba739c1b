using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Remembers every audited bus decision, fail-closed ones too, in <see cref="ScorableDecisions"/> before it is published:
/// a trade outcome can only follow the publish, so its decision is always known when it arrives.
/// </summary>
public sealed class ScorableDecisionsObserver(ScorableDecisions decisions) : IAuditedDecisionObserver
{
    public AuditedDecisionMoment Moment => AuditedDecisionMoment.BeforePublish;

    public void Observe(AuditedDecision decision) => decisions.Add(decision.Decision);
}
