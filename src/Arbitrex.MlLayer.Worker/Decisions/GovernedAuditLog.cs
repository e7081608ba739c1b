using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// The audit log as the bus and HTTP see it: records go to the writer only while the runtime switch
/// <c>governance.enable_prediction_logging</c> is on, so one <c>PUT /config</c> governs both paths.
/// </summary>
public sealed class GovernedAuditLog(InferenceEngine engine, AuditLogWriter writer) : IAuditLog
{
    public ValueTask AppendAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, DecisionSource source = DecisionSource.Bus, CancellationToken cancellationToken = default) =>
        engine.Config.Governance.EnablePredictionLogging
            ? writer.AppendAsync(decision, features, qse, source, cancellationToken)
            : ValueTask.CompletedTask;

    public ValueTask AppendEventAsync<TPayload>(string recordType, TPayload payload, CancellationToken cancellationToken = default) =>
        engine.Config.Governance.EnablePredictionLogging
            ? writer.AppendEventAsync(recordType, payload, cancellationToken)
            : ValueTask.CompletedTask;
}
