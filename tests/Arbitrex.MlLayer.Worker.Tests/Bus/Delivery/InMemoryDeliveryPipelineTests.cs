using Arbitrex.MlLayer.Worker.Tests.TestSupport;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Delivery;

/// <summary>The delivery pipeline's end-to-end suite on the embedded in-process broker.</summary>
public sealed class InMemoryDeliveryPipelineTests : DeliveryPipelineContract
{
    private protected override Task<ITransportUnderTest> StartAsync() => InMemoryTransportUnderTest.StartAsync();
}
