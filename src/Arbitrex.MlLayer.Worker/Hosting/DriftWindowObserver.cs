using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Hosting;

/// <summary>
/// Feeds the drift window with each bar the engine decided from both halves, after its publish; a fail-closed bar
/// has no live input and no prediction.
/// </summary>
public sealed class DriftWindowObserver(ILiveFeatureSink sink) : IAuditedDecisionObserver
{
    public AuditedDecisionMoment Moment => AuditedDecisionMoment.AfterPublish;

    public void Observe(AuditedDecision decision)
    {
        if (decision is { DecidedFromInputs: true, Features: { } features })
        {
            sink.Record(features, decision.Decision);
        }
    }
}
