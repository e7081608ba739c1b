using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// Consumes the in-process worker queue like a shard consumer on RabbitMQ: at most <c>Bus:PrefetchCount</c>
/// unsettled deliveries at once, each handed on its own task to <see cref="InboundDeliveryRouter"/>; on stop, halves
/// still waiting for a partner are requeued.
/// </summary>
internal sealed partial class InMemoryBarConsumer(
    InMemoryBroker broker,
    InboundDeliveryRouter handler,
    IOptions<BusOptions> options,
    ILogger<InMemoryBarConsumer> logger) : BackgroundService
{
    private readonly InFlightDeliveries _inFlight = new();
    private readonly CancellationTokenSource _stopWaiting = new();
    private readonly SemaphoreSlim _slots = new(options.Value.PrefetchCount, options.Value.PrefetchCount);
    private volatile bool _consuming;

    /// <summary>The consumer is reading the worker queue.</summary>
    public bool IsConsuming => _consuming;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await _stopWaiting.CancelAsync().ConfigureAwait(false);
        try
        {
            await _inFlight.WhenAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.DrainCut(logger, _inFlight.Count);
        }
    }

    // The token source and semaphore hold no wait handle, so they are left to the collector: a host that failed to
    // start is disposed before it is stopped, and StopAsync must still be able to cancel and release them.

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bus = options.Value;
        Log.Consuming(logger, bus.PrefetchCount, bus.Join.Window.TotalSeconds);
        _consuming = true;
        try
        {
            while (true)
            {
                await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var message = await broker.WorkerQueue.ReadAsync(stoppingToken).ConfigureAwait(false);
                _inFlight.Track(HandleAsync(new InMemoryDelivery(broker, message, () => _slots.Release())));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _consuming = false;
        }
    }

    private async Task HandleAsync(InMemoryDelivery delivery)
    {
        await Task.Yield();
        await handler.HandleAsync(delivery, _stopWaiting.Token).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4404, Level = LogLevel.Information, Message = "Consuming the in-process worker queue (prefetch {Prefetch}, join window {WindowSeconds} s)")]
        public static partial void Consuming(ILogger logger, int prefetch, double windowSeconds);

        [LoggerMessage(EventId = 4405, Level = LogLevel.Warning, Message = "Shutdown timeout: {InFlight} in-process deliveries left unsettled")]
        public static partial void DrainCut(ILogger logger, int inFlight);
    }
}
