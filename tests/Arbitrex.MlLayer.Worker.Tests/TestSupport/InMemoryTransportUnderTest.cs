using System.Collections.Concurrent;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>The embedded mode: the worker's own in-process broker, without the sample feed.</summary>
internal sealed class InMemoryTransportUnderTest : ITransportUnderTest
{
    private readonly IHost _host;
    private readonly InMemoryBroker _broker;
    private readonly ConcurrentQueue<MlDecision> _decisions = new();

    private InMemoryTransportUnderTest(IHost host, RecordingMonitor monitor, RecordingAuditLog audit)
    {
        _host = host;
        Monitor = monitor;
        Audit = audit;
        Outcomes = host.Services.GetRequiredService<OutcomeCounters>();
        _broker = host.Services.GetRequiredService<InMemoryBroker>();
        _broker.SubscribeToDecisions(m => _decisions.Enqueue(JsonSerializer.Deserialize<MlDecision>(m.Body.Span, ContractJson.Options)!));
    }

    public RecordingMonitor Monitor { get; }

    public RecordingAuditLog Audit { get; }

    public OutcomeCounters Outcomes { get; }

    public static async Task<ITransportUnderTest> StartAsync()
    {
        var (host, monitor, audit) = BusTestHost.Build(new()
        {
            ["Bus:Transport"] = "InMemory",
            ["Bus:SampleFeed:Enabled"] = "false",
        });
        var transport = new InMemoryTransportUnderTest(host, monitor, audit);
        await host.StartAsync();
        return transport;
    }

    public Task PublishAsync(string exchange, string routingKey, byte[] body)
    {
        _broker.Publish(exchange, routingKey, body);
        return Task.CompletedTask;
    }

    public IReadOnlyList<MlDecision> Decisions(string symbolPrefix) =>
        [.. _decisions.Where(d => d.Symbol.StartsWith(symbolPrefix, StringComparison.Ordinal))];

    public async Task<IReadOnlyList<string>> ErrorReasonsAsync(string prefix, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> reasons;
        while ((reasons = [.. _broker.ErrorQueue.Where(d => d.Message.RoutingKey.StartsWith(prefix, StringComparison.Ordinal)).Select(d => d.Reason)]).Count < count
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return reasons;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
