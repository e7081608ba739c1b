using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using RabbitMQ.Client;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

[Trait("Category", "Unit")]
public sealed class FailoverEndpointsTests
{
    private static readonly AmqpTcpEndpoint[] Nodes = [new("rabbit1", 5672), new("rabbit2", 5672), new("rabbit3", 5673)];

    private static string[] Order(FailoverEndpoints endpoints) => [.. endpoints.All().Select(e => $"{e.HostName}:{e.Port}")];

    [Fact]
    public void Nodes_are_tried_in_the_configured_order()
    {
        Assert.Equal(["rabbit1:5672", "rabbit2:5672", "rabbit3:5673"], Order(new FailoverEndpoints(Nodes)));
    }

    [Fact]
    public void After_a_node_is_lost_the_next_one_is_tried_first_and_the_lost_one_last()
    {
        var endpoints = new FailoverEndpoints(Nodes);

        endpoints.MarkLost(new AmqpTcpEndpoint("rabbit2", 5672));
        Assert.Equal(["rabbit3:5673", "rabbit1:5672", "rabbit2:5672"], Order(endpoints));

        endpoints.MarkLost(new AmqpTcpEndpoint("RABBIT3", 5673));
        Assert.Equal(["rabbit1:5672", "rabbit2:5672", "rabbit3:5673"], Order(endpoints));
    }

    [Fact]
    public void Losing_a_node_that_is_not_listed_changes_nothing()
    {
        var endpoints = new FailoverEndpoints(Nodes);

        endpoints.MarkLost(new AmqpTcpEndpoint("rabbit3", 5672));

        Assert.Equal(["rabbit1:5672", "rabbit2:5672", "rabbit3:5673"], Order(endpoints));
    }
}
