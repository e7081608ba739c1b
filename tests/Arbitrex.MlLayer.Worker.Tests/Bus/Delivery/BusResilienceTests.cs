using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Delivery;

[Trait("Category", "Unit")]
public sealed class BusResilienceTests
{
    [Fact]
    public async Task A_wait_without_limit_retries_what_it_is_told_to_and_reports_each_retry()
    {
        var retried = new List<string>();
        var pipeline = BusResilience.UntilCancelled(TimeSpan.FromMilliseconds(1), ex => ex is TimeoutException, (ex, _) => retried.Add(ex.Message));
        var calls = 0;

        var result = await pipeline.ExecuteAsync(_ => ++calls < 4 ? throw new TimeoutException("attempt " + calls) : ValueTask.FromResult(calls));

        Assert.Equal(4, result);
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], retried);
    }

    [Fact]
    public async Task Another_fault_ends_the_wait_at_once()
    {
        var pipeline = BusResilience.UntilCancelled(TimeSpan.FromMilliseconds(1), ex => ex is TimeoutException, (_, _) => Assert.Fail("not a fault to retry"));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.ExecuteAsync(_ => throw new InvalidOperationException("refused")));
    }

    [Fact]
    public async Task The_callers_token_ends_a_wait_that_would_go_on_forever()
    {
        using var stop = new CancellationTokenSource();
        var retries = 0;
        var pipeline = BusResilience.UntilCancelled(TimeSpan.FromMilliseconds(5), _ => true, (_, _) =>
        {
            if (++retries == 3)
            {
                stop.Cancel();
            }
        });

        var waiting = pipeline.ExecuteAsync(_ => throw new TimeoutException("broker away"), stop.Token).AsTask();

        var ended = await Record.ExceptionAsync(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsAssignableFrom<OperationCanceledException>(ended);
        Assert.Equal(3, retries);
    }

    [Fact]
    public async Task An_audit_write_is_tried_again_after_the_bus_pipeline_gave_up_until_it_succeeds()
    {
        var busPipeline = BusResilience.Create(new RetryOptions { Attempts = 2, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) }, TimeProvider.System, NullLogger.Instance);
        var calls = 0;

        await BusResilience.UntilWritten(busPipeline).ExecuteAsync(_ => ++calls < 5 ? throw new IOException("disk full") : ValueTask.CompletedTask);

        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task An_audit_write_stops_being_tried_when_its_delivery_is_abandoned_or_the_fault_is_not_io()
    {
        var busPipeline = BusResilience.Create(new RetryOptions { Attempts = 1 }, TimeProvider.System, NullLogger.Instance);
        using var abandon = new CancellationTokenSource();
        var calls = 0;

        await Assert.ThrowsAsync<IOException>(async () => await BusResilience.UntilWritten(busPipeline).ExecuteAsync(
            _ =>
            {
                if (++calls == 3)
                {
                    abandon.Cancel();
                }

                throw new IOException("disk full");
            },
            abandon.Token));
        Assert.Equal(3, calls);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await BusResilience.UntilWritten(busPipeline).ExecuteAsync(_ => throw new InvalidOperationException("bug")));
    }
}
