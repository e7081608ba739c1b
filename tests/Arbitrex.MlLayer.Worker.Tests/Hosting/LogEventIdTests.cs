using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Bus;

namespace Arbitrex.MlLayer.Worker.Tests.Hosting;

[Trait("Category", "Unit")]
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_of_the_worker_and_core_has_its_own_event_id()
    {
        // One process logs both, so an id must be unique across the two assemblies.
        var (messages, shared) = LoggerMessageIds.Of(typeof(BusOptions).Assembly, typeof(MlMonitor).Assembly);

        Assert.True(messages > 30, $"only {messages} [LoggerMessage] methods found");
        Assert.Empty(shared);
    }
}
