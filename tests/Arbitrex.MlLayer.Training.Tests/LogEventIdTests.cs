namespace Arbitrex.MlLayer.Training.Tests;

[Trait("Category", "Unit")]
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_of_training_has_its_own_event_id()
    {
        var (messages, shared) = LoggerMessageIds.Of(typeof(ModelTrainer).Assembly);

        Assert.True(messages >= 7, $"only {messages} [LoggerMessage] methods found");
        Assert.Empty(shared);
    }
}
