using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Delivery;

/// <summary>The delivery pipeline's end-to-end suite on a RabbitMQ node.</summary>
[Collection(RabbitMqNodeGroup.Name)]
public sealed class RabbitMqDeliveryPipelineTests(RabbitMqNode node) : DeliveryPipelineContract
{
    private protected override Task<ITransportUnderTest> StartAsync() => RabbitMqTransportUnderTest.StartAsync(node);
}
