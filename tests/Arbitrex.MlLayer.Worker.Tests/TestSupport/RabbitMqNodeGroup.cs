namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Tests sharing one private broker node (start takes seconds); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqNodeGroup : ICollectionFixture<RabbitMqNode>
{
    public const string Name = "RabbitMQ node";
}
