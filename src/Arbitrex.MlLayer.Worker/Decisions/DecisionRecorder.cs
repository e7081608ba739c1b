using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// What happens to an HTTP decision, as on the bus: the audit record (source <c>http</c>) goes to disk
/// (when governance asks for it, see <see cref="GovernedAuditLog"/>), then the monitor counts it.
/// </summary>
public sealed class DecisionRecorder(IAuditLog audit, IPredictionMonitor monitor)
{
    public async ValueTask RecordAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await audit.AppendAsync(decision, features, qse, DecisionSource.Http, cancellationToken).ConfigureAwait(false);

        monitor.Record(decision);
    }
}
