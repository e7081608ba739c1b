using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Shadow;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>Publishes a shadow decision's contract JSON to the in-process shadow decision exchange.</summary>
internal sealed class InMemoryShadowDecisionPublisher(InMemoryBroker broker) : IShadowDecisionPublisher
{
    private static readonly JsonTypeInfo<MlDecision> DecisionJson = ContractJson.Options.TypeInfo<MlDecision>();

    public Task PublishAsync(MlDecision shadow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shadow);
        cancellationToken.ThrowIfCancellationRequested();
        broker.Publish(MessageExchanges.ShadowDecision, MessageExchanges.RoutingKey(shadow.Symbol, shadow.Timeframe), JsonSerializer.SerializeToUtf8Bytes(shadow, DecisionJson));
        return Task.CompletedTask;
    }
}
