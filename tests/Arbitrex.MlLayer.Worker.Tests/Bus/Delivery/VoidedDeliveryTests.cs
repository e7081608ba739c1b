using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Delivery;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Decisions;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Delivery;

/// <summary>
/// Deliveries of a lost channel (a broker node died): their tags are void and the broker delivers the messages
/// again, so the worker drops them at once with the join state only they held, and the redeliveries join afresh.
/// </summary>
[Trait("Category", "Unit")]
public sealed class VoidedDeliveryTests : IDisposable
{
    private readonly RecordingMonitor _monitor = new();
    private readonly RecordingAuditLog _audit = new();
    private readonly AuditHealth _auditHealth = TestAuditHealth.Create();
    private readonly CancellationTokenSource _lostChannel = new();
    private readonly List<BarJoiner> _joiners = [];

    public void Dispose()
    {
        _lostChannel.Dispose();
        foreach (var joiner in _joiners)
        {
            joiner.Dispose();
        }
    }

    private (BarDeliveryHandler Handler, BarJoiner Joiner) Create(IDecisionPublisher publisher)
    {
        var joiner = new BarJoiner(
            new DeterministicEngine(),
            publisher,
            _audit,
            _monitor,
            new RecentDecisions(100),
            _auditHealth,
            TestPipelines.Bus(),
            Options.Create(new BusOptions()),
            new FakeTimeProvider(),
            NullLogger<BarJoiner>.Instance,
            []);
        _joiners.Add(joiner);
        var handler = new BarDeliveryHandler(
            joiner, _auditHealth, _monitor, TestPipelines.Bus(), NullLogger<BarDeliveryHandler>.Instance, Options.Create(new BarTimeOptions()), TimeProvider.System);
        return (handler, joiner);
    }

    private FakeDelivery Features(string symbol, bool onLostChannel) =>
        new(MessageExchanges.FeatureSnapshot, symbol + ".4H", Bars.Json(Bars.Features(symbol, 0))) { Voided = onLostChannel ? _lostChannel.Token : default };

    private FakeDelivery Qse(string symbol, bool onLostChannel) =>
        new(MessageExchanges.QseOutput, symbol + ".4H", Bars.Json(Bars.Qse(symbol, 0))) { Voided = onLostChannel ? _lostChannel.Token : default };

    private static async Task WaitUntilAsync(Func<bool> condition) =>
        Assert.True(await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10)), "condition not met within 10 s");

    [Fact]
    public async Task A_half_waiting_when_its_channel_is_lost_is_dropped_unsettled_with_its_bar_and_the_redeliveries_are_decided_once()
    {
        var publisher = new RecordingPublisher();
        var (handler, joiner) = Create(publisher);
        var lost = Features("VOIDWAIT", onLostChannel: true);
        var handling = handler.HandleAsync(lost, CancellationToken.None);
        await WaitUntilAsync(() => joiner.PendingCount == 1);

        await _lostChannel.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(lost.Settled.IsCompleted, "a void delivery tag must not be settled");
        Assert.Equal(0, joiner.PendingCount);

        var features = Features("VOIDWAIT", onLostChannel: false);
        var qse = Qse("VOIDWAIT", onLostChannel: false);
        await Task.WhenAll(handler.HandleAsync(features, CancellationToken.None), handler.HandleAsync(qse, CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ack", await features.Settled);
        Assert.Equal("ack", await qse.Settled);
        Assert.Equal(Bars.Id("VOIDWAIT", 0), Assert.Single(publisher.Published).DecisionId);
        Assert.Single(_audit.Records);
        Assert.Empty(_monitor.JoinTimeouts);
    }

    [Fact]
    public async Task A_half_of_a_lost_channel_stops_waiting_at_once_even_while_its_partner_is_being_decided()
    {
        var publisher = new GatedPublisher();
        var (handler, joiner) = Create(publisher);
        var lost = Features("VOIDDECIDE", onLostChannel: true);
        var waiting = handler.HandleAsync(lost, CancellationToken.None);
        await WaitUntilAsync(() => joiner.PendingCount == 1);
        var deciderDelivery = Qse("VOIDDECIDE", onLostChannel: false);
        var deciding = handler.HandleAsync(deciderDelivery, CancellationToken.None);
        await publisher.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // The decision is held in its publish; before the fix the lost channel's half waited for it.
        await _lostChannel.CancelAsync();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(lost.Settled.IsCompleted, "a void delivery tag must not be settled");
        Assert.False(deciding.IsCompleted);
        publisher.Confirm();
        await deciding.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ack", await deciderDelivery.Settled);
        Assert.Equal(Bars.Id("VOIDDECIDE", 0), Assert.Single(publisher.Published).DecisionId);
    }
}
