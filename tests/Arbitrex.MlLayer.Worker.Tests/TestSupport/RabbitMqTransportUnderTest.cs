using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Bus.RabbitMq;
using Microsoft.Extensions.DependencyInjection;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>The RabbitMQ mode on the test broker node: raw JSON in, decisions and the error queue read back.</summary>
internal sealed class RabbitMqTransportUnderTest : ITransportUnderTest
{
    private readonly RabbitMqNode _node;
    private readonly InProcessWorker _worker;
    private readonly InputPublisher _publisher;
    private readonly DecisionSubscriber _subscriber;
    private readonly List<(string RoutingKey, string Reason)> _errors = [];

    private RabbitMqTransportUnderTest(RabbitMqNode node, InProcessWorker worker, InputPublisher publisher, DecisionSubscriber subscriber)
    {
        _node = node;
        _worker = worker;
        _publisher = publisher;
        _subscriber = subscriber;
    }

    public RecordingMonitor Monitor => _worker.Monitor;

    public RecordingAuditLog Audit => _worker.Audit;

    public OutcomeCounters Outcomes => _worker.Services.GetRequiredService<OutcomeCounters>();

    public static async Task<ITransportUnderTest> StartAsync(RabbitMqNode node)
    {
        var subscriber = await DecisionSubscriber.StartAsync(node);
        var worker = await InProcessWorker.StartAsync(node.Uri);
        var publisher = await InputPublisher.StartAsync(node);
        return new RabbitMqTransportUnderTest(node, worker, publisher, subscriber);
    }

    public Task PublishAsync(string exchange, string routingKey, byte[] body) => _publisher.RawAsync(exchange, routingKey, body).AsTask();

    public IReadOnlyList<MlDecision> Decisions(string symbolPrefix) => _subscriber.For(symbolPrefix);

    public async Task<IReadOnlyList<string>> ErrorReasonsAsync(string prefix, int count, TimeSpan timeout)
    {
        await using var connection = await _node.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (Matching().Count < count && DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(BusTopology.ErrorQueue, autoAck: true);
            if (message is null)
            {
                await Task.Delay(50);
                continue;
            }

            var headers = message.BasicProperties.Headers!;
            _errors.Add((
                Encoding.UTF8.GetString((byte[])headers[BusTopology.OriginalRoutingKeyHeader]!),
                Encoding.UTF8.GetString((byte[])headers[BusTopology.RejectReasonHeader]!)));
        }

        return Matching();

        List<string> Matching() => [.. _errors.Where(e => e.RoutingKey.StartsWith(prefix, StringComparison.Ordinal)).Select(e => e.Reason)];
    }

    public async ValueTask DisposeAsync()
    {
        await _publisher.DisposeAsync();
        await _worker.DisposeAsync();
        await _subscriber.DisposeAsync();
    }
}
