using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// What happens to every decision, from the bus or HTTP alike: the audit record goes to disk
/// (when governance asks for it), then the monitor counts it.
/// </summary>
public sealed class DecisionRecorder(InferenceEngine engine, IAuditLog audit, IPredictionMonitor monitor)
{
    public async ValueTask RecordAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (engine.Config.Governance.EnablePredictionLogging)
        {
            await audit.AppendAsync(decision, features, qse, cancellationToken).ConfigureAwait(false);
        }

        monitor.Record(decision);
    }
}
