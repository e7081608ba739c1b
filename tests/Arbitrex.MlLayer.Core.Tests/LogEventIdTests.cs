using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Tests;

[Trait("Category", "Unit")]
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_of_core_has_its_own_event_id()
    {
        var (messages, shared) = LoggerMessageIds.Of(typeof(MlMonitor).Assembly);

        Assert.True(messages > 10, $"only {messages} [LoggerMessage] methods found");
        Assert.Empty(shared);
    }
}
