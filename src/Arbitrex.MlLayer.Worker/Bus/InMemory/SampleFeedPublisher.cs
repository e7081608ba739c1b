using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.SampleData;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// The embedded demo's market: the shipped sample market replayed on the in-process broker as the contract JSON an upstream publisher sends, one bar per symbol per
/// round, halves in random order. The replay starts <c>HistoryBars</c> bars back, catches up with the clock one
/// round per interval, then publishes each bar when it closes, so a bar time is never ahead of the clock. Bars
/// already decided (an earlier run's, remembered from the audit log at start) are skipped, so a second run of the
/// demo shows new decisions too. Each decided bar's trade outcome follows a few seconds later
/// (<see cref="SampleOutcomePublisher"/>), so live quality fills up.
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
        var replay = new SampleReplay(length, feed.HistoryBars);
        var barTime = replay.FirstBar(time.GetUtcNow());
        var outcomes = new SampleOutcomePublisher(broker, decided, options.Value.Outcomes.SampleOutcomeDelay, options.Value.Join.Window);
        try
        {
            while (true)
            {
                barTime = SampleBarTimes.FirstUndecided(barTime, length, feed.EffectiveSymbols, feed.Timeframe, decided);
                await Task.Delay(replay.DelayBefore(barTime, time.GetUtcNow(), feed.Interval), time, stoppingToken).ConfigureAwait(false);
                foreach (var symbol in feed.EffectiveSymbols)
                {
                    var (features, qse) = SampleMarket.Embedded.Bar(symbol, feed.Timeframe, length, barTime);
                    _undecided.Enqueue((new BarKey(symbol, feed.Timeframe, barTime), time.GetUtcNow()));
                    outcomes.Published(new BarKey(symbol, feed.Timeframe, barTime), time.GetUtcNow());

                    // Never publish half a bar: stopping is only observed between rounds.
                    var routingKey = MessageExchanges.RoutingKey(symbol, feed.Timeframe);
                    var featuresJson = JsonSerializer.SerializeToUtf8Bytes(features, ContractJson.Options.TypeInfo<FeatureSnapshot>());
                    var qseJson = JsonSerializer.SerializeToUtf8Bytes(qse, ContractJson.Options.TypeInfo<QseOutput>());
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
                outcomes.PublishDue(time.GetUtcNow(), length);
                barTime += length;
            }
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
