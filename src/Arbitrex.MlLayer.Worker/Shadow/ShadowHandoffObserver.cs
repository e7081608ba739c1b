using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>
/// Hands each bar the engine decided from both halves to the shadow, only once its live decision is audited and
/// published: the shadow neither delays nor precedes it.
/// </summary>
public sealed class ShadowHandoffObserver(ShadowHandoff handoff) : IAuditedDecisionObserver
{
    public AuditedDecisionMoment Moment => AuditedDecisionMoment.AfterPublish;

    public void Observe(AuditedDecision decision)
    {
        // A fail-closed bar lacks a half: there is nothing for the shadow to decide.
        if (decision is { Features: { } features, Qse: { } qse })
        {
            handoff.Offer(decision.Decision, features, qse);
        }
    }
}
