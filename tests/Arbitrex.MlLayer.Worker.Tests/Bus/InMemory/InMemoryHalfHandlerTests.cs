using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.InMemory;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.InMemory;

public sealed class InMemoryHalfHandlerTests
{
    [Fact]
    public async Task A_refused_half_is_counted_and_its_waiting_partner_decided_fail_closed_at_once()
    {
        var publisher = new RecordingPublisher();
        var monitor = new RecordingMonitor();
        var joiner = new BarJoiner(
            new DeterministicEngine(),
            publisher,
            new RecordingAuditLog(),
            monitor,
            new RecentDecisions(100),
            Options.Create(new BusOptions()),
            new FakeTimeProvider(),
            NullLogger<BarJoiner>.Instance);
        var handler = new InMemoryHalfHandler(joiner, monitor, NullLogger<InMemoryHalfHandler>.Instance);
        var qse = InboundMessageReader.Validate(Bars.Qse("MEMREF", 0));

        var waiting = handler.HandleAsync(() => qse, CancellationToken.None);
        await handler.HandleAsync(
            () => throw new PoisonMessageException("invalid feature_snapshot: features is missing or empty", qse.Key, HalfKind.FeatureSnapshot),
            CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("Partner refused: feature_snapshot", Assert.Single(Assert.Single(publisher.Published).DecisionReasons), StringComparison.Ordinal);
        Assert.Single(monitor.Rejections);
        Assert.Empty(monitor.JoinTimeouts);
    }
}
