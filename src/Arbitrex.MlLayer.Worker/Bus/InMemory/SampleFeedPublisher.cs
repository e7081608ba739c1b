using MassTransit;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// The embedded demo's market: one bar per symbol per interval on the in-memory bus, halves in random order.
/// Bar times advance one hour per round from the start of the current day so every bar key is new.
/// </summary>
internal sealed class SampleFeedPublisher(IBus bus, IOptions<BusOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value.SampleFeed;
        var random = new Random(42);
        var barTime = time.GetUtcNow().UtcDateTime.Date;
        using var timer = new PeriodicTimer(feed.Interval, time);
        do
        {
            foreach (var symbol in feed.EffectiveSymbols)
            {
                var (features, qse) = SampleBars.Create(symbol, feed.Timeframe, barTime, random);
                if (random.Next(2) == 0)
                {
                    await bus.Publish(features, stoppingToken).ConfigureAwait(false);
                    await bus.Publish(qse, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await bus.Publish(qse, stoppingToken).ConfigureAwait(false);
                    await bus.Publish(features, stoppingToken).ConfigureAwait(false);
                }
            }

            barTime = barTime.AddHours(1);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
