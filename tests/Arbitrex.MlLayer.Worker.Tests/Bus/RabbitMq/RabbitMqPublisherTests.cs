using System.Text;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RabbitMQ.Client.Exceptions;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.RabbitMq;

/// <summary>The publisher against a real broker.</summary>
[Collection(RabbitMqNodeGroup.Name)]
[Trait("Category", "Broker")]
public sealed class RabbitMqPublisherTests(RabbitMqNode node)
{
    [Fact]
    public async Task Moving_a_message_to_a_missing_error_queue_throws_instead_of_dropping_it()
    {
        await using var admin = await node.ConnectAsync();
        await using var channel = await admin.CreateChannelAsync();
        await channel.QueueDeleteAsync(BusTopology.ErrorQueue, ifUnused: false, ifEmpty: false);
        await using var connections = new RabbitMqConnections(
            Options.Create(new BusOptions { RabbitMq = new RabbitMqBusOptions { Uri = node.Uri } }),
            NullLogger<RabbitMqConnections>.Instance);
        await using var publisher = new RabbitMqPublisher(connections);
        var body = Encoding.UTF8.GetBytes("""{"symbol":"LOST"}""");

        await Assert.ThrowsAnyAsync<PublishException>(() =>
            publisher.PublishToErrorQueueAsync(body, "arbitrex.ml.feature-snapshot", "LOST.4H", "test", CancellationToken.None));

        await channel.QueueDeclareAsync(BusTopology.ErrorQueue, durable: true, exclusive: false, autoDelete: false, arguments: BusTopology.ErrorQueueArguments(new RabbitMqBusOptions().QueueType));
        await publisher.PublishToErrorQueueAsync(body, "arbitrex.ml.feature-snapshot", "KEPT.4H", "test", CancellationToken.None);
        var kept = await channel.BasicGetAsync(BusTopology.ErrorQueue, autoAck: true);
        Assert.NotNull(kept);
        Assert.Equal("""{"symbol":"LOST"}""", Encoding.UTF8.GetString(kept.Body.Span));
    }
}
