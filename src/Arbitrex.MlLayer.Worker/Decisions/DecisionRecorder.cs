using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Bus.Delivery;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// What happens to an HTTP (ad-hoc) decision: the audit record (source <c>http</c>) goes to disk (when
/// governance asks for it, see <see cref="GovernedAuditLog"/>), then <see cref="AdHocPredictionCounter"/>
/// counts it. The live monitor never sees the decision: its metrics and alert rules describe the bus stream alone.
/// A failed write is another matter: the audit folder is shared, so it feeds <see cref="AuditHealth"/> (readiness)
/// and <c>audit_write_failures</c> (the <c>audit_write_failed</c> alert) as a bus write's would.
/// </summary>
public sealed class DecisionRecorder(IAuditLog audit, AdHocPredictionCounter counter, AuditHealth auditHealth, IPredictionMonitor monitor)
{
    public async ValueTask RecordAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, AdHocEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        try
        {
            await audit.AppendAsync(decision, features, qse, DecisionSource.Http, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (BusFaults.IsIoFault(ex))
        {
            auditHealth.ReportFailure(ex, bus: false);
            monitor.RecordAuditWriteFailure();
            throw new RecordNotWrittenException(
                "The decision's audit record could not be written (the audit folder refused the write), so no decision is answered; retry once audit writes succeed (see /health/ready).",
                ex);
        }

        auditHealth.ReportSuccess();

        counter.Record(endpoint, decision.AllowTrade ? AdHocOutcome.Allowed : AdHocOutcome.Suppressed);
    }
}
