using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.SampleData;

namespace Arbitrex.MlLayer.Worker.Bus.InMemory;

/// <summary>
/// The embedded demo's signal generator: once a sample bar is decided, and <c>Bus:Outcomes:SampleOutcomeDelay</c> later
/// (outcomes come late), publishes the bar's trade outcome (<see cref="SampleOutcomes"/>) to the in-process outcome
/// exchange as contract JSON. A bar never decided (refused) gets none. Not thread-safe: the sample feed's loop drives it.
/// </summary>
internal sealed class SampleOutcomePublisher(InMemoryBroker broker, RecentDecisions decided, TimeSpan delay, TimeSpan giveUpAfter)
{
    private readonly Queue<(BarKey Key, DateTimeOffset DueAt)> _waiting = new();

    /// <summary>Notes a bar just published; its outcome follows its decision.</summary>
    public void Published(BarKey key, DateTimeOffset now) => _waiting.Enqueue((key, now + delay));

    /// <summary>Publishes the outcome of every bar whose time has come, in the order the bars were published.</summary>
    public void PublishDue(DateTimeOffset now, TimeSpan barLength)
    {
        while (_waiting.TryPeek(out var bar) && bar.DueAt <= now)
        {
            if (!decided.TryGet(bar.Key, out var decision))
            {
                if (now - bar.DueAt < giveUpAfter)
                {
                    return;
                }

                _waiting.Dequeue();
                continue;
            }

            _waiting.Dequeue();
            var (symbol, timeframe, barTime) = bar.Key;
            var outcome = SampleOutcomes.For(SampleMarket.Embedded, symbol, timeframe, barLength, barTime, decision.DecisionId);
            broker.Publish(MessageExchanges.Outcome, MessageExchanges.RoutingKey(symbol, timeframe), JsonSerializer.SerializeToUtf8Bytes(outcome, ContractJson.Options.TypeInfo<TradeOutcome>()));
        }
    }
}
