using System.Text;
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

[Trait("Category", "Unit")]
public sealed class BarDeliveryHandlerTests
{
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingMonitor _monitor = new();
    private readonly RecordingAuditLog _audit = new();
    private readonly AuditHealth _auditHealth = TestAuditHealth.Create();

    private BarDeliveryHandler Handler()
    {
        var joiner = new BarJoiner(
            new DeterministicEngine(),
            _publisher,
            _audit,
            _monitor,
            new RecentDecisions(100),
            _auditHealth,
            TestPipelines.Bus(),
            Options.Create(new BusOptions()),
            new FakeTimeProvider(),
            NullLogger<BarJoiner>.Instance,
            []);
        return new BarDeliveryHandler(
            joiner, _auditHealth, _monitor, TestPipelines.Bus(), NullLogger<BarDeliveryHandler>.Instance, Options.Create(new BarTimeOptions()), TimeProvider.System);
    }

    private static FakeDelivery Features(string symbol, string? routingKey = null) =>
        new(MessageExchanges.FeatureSnapshot, routingKey ?? symbol + ".4H", Bars.Json(Bars.Features(symbol, 0)));

    private static FakeDelivery Qse(string symbol) => new(MessageExchanges.QseOutput, symbol + ".4H", Bars.Json(Bars.Qse(symbol, 0)));

    [Fact]
    public async Task Both_halves_are_decided_audited_published_and_then_acknowledged()
    {
        var handler = Handler();
        var features = Features("HANDOK");
        var qse = Qse("HANDOK");

        await Task.WhenAll(handler.HandleAsync(features, CancellationToken.None), handler.HandleAsync(qse, CancellationToken.None));

        Assert.Equal("ack", await features.Settled);
        Assert.Equal("ack", await qse.Settled);
        Assert.Equal(Bars.Id("HANDOK", 0), Assert.Single(_publisher.Published).DecisionId);
        Assert.Single(_audit.Records);
    }

    [Fact]
    public async Task A_half_far_ahead_of_the_clock_is_dead_lettered_with_the_reason_and_never_decided()
    {
        var handler = Handler();
        var future = Bars.Features("FUTURE", 0) with { BarTime = new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var delivery = new FakeDelivery(MessageExchanges.FeatureSnapshot, "FUTURE.4H", Bars.Json(future));

        await handler.HandleAsync(delivery, CancellationToken.None);

        Assert.StartsWith("dead-letter:", await delivery.Settled, StringComparison.Ordinal);
        Assert.Contains("bar_time", await delivery.Settled, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
        Assert.Empty(_audit.Records);
    }

    [Fact]
    public async Task A_malformed_body_is_dead_lettered_with_the_reason_counted_and_not_acknowledged_otherwise()
    {
        var delivery = FakeDelivery.Of(MessageExchanges.FeatureSnapshot, "BAD.4H", "{\"symbol\": ");

        await Handler().HandleAsync(delivery, CancellationToken.None);

        Assert.StartsWith("dead-letter: malformed JSON", await delivery.Settled, StringComparison.Ordinal);
        Assert.StartsWith("malformed JSON", Assert.Single(_monitor.Rejections), StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task A_refused_half_is_counted_and_its_waiting_partner_decided_fail_closed_at_once()
    {
        var handler = Handler();
        var qse = Qse("MEMREF");
        var waiting = handler.HandleAsync(qse, CancellationToken.None);
        var noFeatures = Encoding.UTF8.GetString(Bars.Json(Bars.Features("MEMREF", 0))).Replace("\"features\":", "\"no_features\":", StringComparison.Ordinal);

        await handler.HandleAsync(FakeDelivery.Of(MessageExchanges.FeatureSnapshot, "MEMREF.4H", noFeatures), CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("ack", await qse.Settled);
        Assert.StartsWith("Partner refused: feature_snapshot", Assert.Single(Assert.Single(_publisher.Published).DecisionReasons), StringComparison.Ordinal);
        Assert.Single(_monitor.Rejections);
        Assert.Empty(_monitor.JoinTimeouts);
    }

    [Fact]
    public async Task A_half_waiting_for_its_partner_when_the_transport_stops_is_requeued()
    {
        using var stop = new CancellationTokenSource();
        var features = Features("HANDSTOP");
        var handling = Handler().HandleAsync(features, stop.Token);

        await stop.CancelAsync();
        await handling.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("requeue", await features.Settled);
        Assert.Empty(_publisher.Published);
    }
}
