using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// The embedded demo's market: one bar per symbol per interval on the in-process broker, as the contract JSON an
/// upstream publisher sends, halves in random order.
/// Bar times start at the current time rounded down to the timeframe and advance one timeframe per round,
/// skipping bars already decided (an earlier run's, remembered from the audit log at start), so every bar key
/// is new and a second run of the demo shows decisions too.
/// </summary>
/// <remarks>
/// On stop the feed finishes the round it is publishing and then waits (at most one join window) until every
/// bar it published is decided. It stops before the bus does, so halves still queued in memory are consumed
/// instead of being dropped with the bus and leaving their partners to fail closed.
/// </remarks>
internal sealed partial class SampleFeedPublisher(
    InMemoryBroker broker,
    RecentDecisions decided,
    IOptions<BusOptions> options,
    TimeProvider time,
    ILogger<SampleFeedPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);

    private readonly Queue<(BarKey Key, DateTimeOffset PublishedAt)> _undecided = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = options.Value.SampleFeed;
        var random = new Random(42);
        var length = Timeframes.Length(feed.Timeframe);
        var barTime = SampleBarTimes.Floor(time.GetUtcNow(), length);
        using var timer = new PeriodicTimer(feed.Interval, time);
        try
        {
            do
            {
                barTime = SampleBarTimes.FirstUndecided(barTime, length, feed.EffectiveSymbols, feed.Timeframe, decided);
                foreach (var symbol in feed.EffectiveSymbols)
                {
                    var (features, qse) = SampleBars.Create(symbol, feed.Timeframe, barTime, random);
                    _undecided.Enqueue((new BarKey(symbol, feed.Timeframe, barTime), time.GetUtcNow()));

                    // Never publish half a bar: stopping is only observed between rounds.
                    var routingKey = MessageExchanges.RoutingKey(symbol, feed.Timeframe);
                    var featuresJson = JsonSerializer.SerializeToUtf8Bytes(features, ContractJson.Options);
                    var qseJson = JsonSerializer.SerializeToUtf8Bytes(qse, ContractJson.Options);
                    if (random.Next(2) == 0)
                    {
                        broker.Publish(MessageExchanges.FeatureSnapshot, routingKey, featuresJson);
                        broker.Publish(MessageExchanges.QseOutput, routingKey, qseJson);
                    }
                    else
                    {
                        broker.Publish(MessageExchanges.QseOutput, routingKey, qseJson);
                        broker.Publish(MessageExchanges.FeatureSnapshot, routingKey, featuresJson);
                    }
                }

                ForgetDecided();
                barTime += length;
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await DrainAsync(options.Value.Join.Window).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(TimeSpan limit)
    {
        var deadline = time.GetUtcNow() + limit;
        while (ForgetDecided() > 0 && time.GetUtcNow() < deadline)
        {
            await Task.Delay(DrainPoll, time).ConfigureAwait(false);
        }

        if (_undecided.Count > 0)
        {
            Log.Undrained(logger, _undecided.Count, limit.TotalSeconds);
        }
    }

    /// <summary>
    /// Drops settled bars from the front of the queue and returns how many remain. A bar older than the join
    /// window is settled even when it is not among the decided ones (it was rejected), so the queue stays short.
    /// </summary>
    private int ForgetDecided()
    {
        var settledBefore = time.GetUtcNow() - options.Value.Join.Window;
        while (_undecided.TryPeek(out var bar) && (bar.PublishedAt < settledBefore || decided.TryGet(bar.Key, out _)))
        {
            _undecided.Dequeue();
        }

        return _undecided.Count;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Sample feed stopped with {Count} bar(s) still undecided after {Seconds} s")]
        public static partial void Undrained(ILogger logger, int count, double seconds);
    }
}
