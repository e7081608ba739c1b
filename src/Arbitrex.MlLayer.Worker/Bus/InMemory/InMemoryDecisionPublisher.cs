using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Telemetry;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Publishes a decision's contract JSON to the in-process decision exchange (confirmed on return).</summary>
internal sealed class InMemoryDecisionPublisher(InMemoryBroker broker) : IDecisionPublisher
{
    private static readonly JsonTypeInfo<MlDecision> DecisionJson = ContractJson.Options.TypeInfo<MlDecision>();

    public Task PublishAsync(MlDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        cancellationToken.ThrowIfCancellationRequested();
        broker.Publish(MessageExchanges.Decision, MessageExchanges.RoutingKey(decision.Symbol, decision.Timeframe), JsonSerializer.SerializeToUtf8Bytes(decision, DecisionJson), BusActivities.TraceHeaders());
        return Task.CompletedTask;
    }
}
