using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Admin;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// What happens to an HTTP (ad-hoc) decision: the audit record (source <c>http</c>) goes to disk (when
/// governance asks for it, see <see cref="GovernedAuditLog"/>), then <see cref="AdHocPredictionCounter"/>
/// counts it. The live monitor never sees it: its metrics and alert rules describe the bus stream alone.
/// </summary>
public sealed class DecisionRecorder(IAuditLog audit, AdHocPredictionCounter counter)
{
    public async ValueTask RecordAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, AdHocEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await audit.AppendAsync(decision, features, qse, DecisionSource.Http, cancellationToken).ConfigureAwait(false);

        counter.Record(endpoint, decision.AllowTrade ? AdHocOutcome.Allowed : AdHocOutcome.Suppressed);
    }
}
