using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

[Trait("Category", "Unit")]
public sealed class BarJoinerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly DeterministicEngine _engine = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingAuditLog _audit = new();
    private readonly RecordingMonitor _monitor = new();

    private readonly RecentDecisions _recent = new(1000);

    private BarJoiner Joiner(TimeSpan? window = null, IDecisionPublisher? publisher = null, int attempts = 3) => new(
        _engine,
        publisher ?? _publisher,
        _audit,
        _monitor,
        _recent,
        TestAuditHealth.Create(),
        TestPipelines.Bus(new RetryOptions { Attempts = attempts, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(100) }, _time),
        Options.Create(new BusOptions { Join = new JoinOptions { Window = window ?? TimeSpan.FromSeconds(30) } }),
        _time,
        NullLogger<BarJoiner>.Instance,
        []);

    private static InboundHalf F(string symbol, int bar) => InboundMessageReader.Validate(Bars.Features(symbol, bar));

    private static InboundHalf Q(string symbol, int bar) => InboundMessageReader.Validate(Bars.Qse(symbol, bar));

    [Fact]
    public async Task Features_first_then_qse_decides_the_bar_once_and_settles_both_deliveries()
    {
        var joiner = Joiner();
        var first = joiner.OfferAsync(F("EURUSD", 0), CancellationToken.None);
        Assert.False(first.IsCompleted);

        var second = await joiner.OfferAsync(Q("EURUSD", 0), CancellationToken.None);
        var settled = await first;

        Assert.Equal(BarSettlementKind.Decided, second.Kind);
        Assert.Equal(second.DecisionId, settled.DecisionId);
        Assert.Equal(Bars.Id("EURUSD", 0), Assert.Single(_publisher.Published).DecisionId);
        Assert.Equal(Bars.Id("EURUSD", 0), settled.DecisionId);
        Assert.Single(_audit.Records);
        Assert.Single(_monitor.Decisions);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task Qse_first_then_features_decides_the_bar_once()
    {
        var joiner = Joiner();
        var first = joiner.OfferAsync(Q("EURUSD", 1), CancellationToken.None);
        await joiner.OfferAsync(F("EURUSD", 1), CancellationToken.None);

        Assert.Equal(BarSettlementKind.Decided, (await first).Kind);
        Assert.Single(_publisher.Published);
        Assert.True(_publisher.Published.Single().AllowTrade);
    }

    [Fact]
    public async Task A_duplicate_half_while_waiting_is_settled_with_the_same_decision()
    {
        var joiner = Joiner();
        var first = joiner.OfferAsync(F("EURUSD", 2), CancellationToken.None);
        var duplicate = joiner.OfferAsync(F("EURUSD", 2), CancellationToken.None);
        await joiner.OfferAsync(Q("EURUSD", 2), CancellationToken.None);

        Assert.Equal((await first).DecisionId, (await duplicate).DecisionId);
        Assert.Single(_publisher.Published);
        Assert.Equal(1, _engine.Predictions);
    }

    [Fact]
    public async Task Duplicates_of_a_decided_bar_publish_nothing_new()
    {
        var joiner = Joiner();
        var first = joiner.OfferAsync(Q("EURUSD", 3), CancellationToken.None);
        var decided = await joiner.OfferAsync(F("EURUSD", 3), CancellationToken.None);
        await first;

        var lateFeatures = await joiner.OfferAsync(F("EURUSD", 3), CancellationToken.None);
        var lateQse = await joiner.OfferAsync(Q("EURUSD", 3), CancellationToken.None);

        Assert.Equal(BarSettlementKind.AlreadyDecided, lateFeatures.Kind);
        Assert.Equal(BarSettlementKind.AlreadyDecided, lateQse.Kind);
        Assert.Equal(decided.DecisionId, lateQse.DecisionId);
        Assert.Single(_publisher.Published);
        Assert.Single(_audit.Records);
    }

    [Fact]
    public async Task A_remembered_decision_makes_a_lone_redelivered_half_a_duplicate_instead_of_a_timeout()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(5));
        var earlier = _engine.Predict("CHFJPY", "4H", Bars.Start, Bars.Features("CHFJPY", 0).Features, Bars.Qse("CHFJPY", 0));
        _recent.Remember(earlier);

        var redelivered = await joiner.OfferAsync(Q("CHFJPY", 0), CancellationToken.None);

        Assert.Equal(BarSettlementKind.AlreadyDecided, redelivered.Kind);
        Assert.Equal(earlier.DecisionId, redelivered.DecisionId);
        Assert.Empty(_publisher.Published);
        Assert.Empty(_monitor.JoinTimeouts);
    }

    [Fact]
    public async Task A_half_without_partner_is_decided_fail_closed_after_the_window_naming_the_missing_half()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(10));
        var waiting = joiner.OfferAsync(F("GBPUSD", 0), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        var settled = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BarSettlementKind.FailedClosed, settled.Kind);
        var published = Assert.Single(_publisher.Published);
        Assert.False(published.AllowTrade);
        Assert.Equal("Join timeout: qse_output not received within 10 s", Assert.Single(published.DecisionReasons));
        Assert.Equal(Bars.Id("GBPUSD", 0), published.DecisionId);
        Assert.Equal(Bars.Id("GBPUSD", 0), settled.DecisionId);
        Assert.Equal("qse_output", Assert.Single(_monitor.JoinTimeouts));
        Assert.Single(_audit.Records);
    }

    [Fact]
    public async Task A_waiting_half_whose_partner_is_refused_is_decided_fail_closed_at_once_naming_the_refusal()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(30));
        var waiting = joiner.OfferAsync(Q("AUDNZD", 0), CancellationToken.None);
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);

        // No time passes on the fake clock: only the refusal can settle the bar.
        joiner.Refuse(F("AUDNZD", 0).Key, HalfKind.FeatureSnapshot, "invalid feature_snapshot: features.rsi is not a finite number");
        var settled = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BarSettlementKind.FailedClosed, settled.Kind);
        var published = Assert.Single(_publisher.Published);
        Assert.False(published.AllowTrade);
        Assert.Equal(
            "Partner refused: feature_snapshot went to the error queue (invalid feature_snapshot: features.rsi is not a finite number)",
            Assert.Single(published.DecisionReasons));
        Assert.Empty(_monitor.JoinTimeouts);
        Assert.Single(_audit.Records);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task A_half_arriving_after_its_partner_was_refused_is_decided_fail_closed_at_once()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(30));
        joiner.Refuse(Q("AUDNZD", 1).Key, HalfKind.QseOutput, "invalid qse_output: gates.z_score is missing");

        var settled = await joiner.OfferAsync(F("AUDNZD", 1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BarSettlementKind.FailedClosed, settled.Kind);
        Assert.StartsWith("Partner refused: qse_output went to the error queue", Assert.Single(Assert.Single(_publisher.Published).DecisionReasons), StringComparison.Ordinal);
        Assert.Empty(_monitor.JoinTimeouts);
    }

    [Fact]
    public async Task A_refusal_of_a_half_the_bar_already_holds_does_not_stop_it_being_decided()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(30));
        var waiting = joiner.OfferAsync(F("AUDNZD", 2), CancellationToken.None);

        // A second, broken copy of the features it already holds.
        joiner.Refuse(F("AUDNZD", 2).Key, HalfKind.FeatureSnapshot, "invalid feature_snapshot: features is missing or empty");
        var decided = await joiner.OfferAsync(Q("AUDNZD", 2), CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BarSettlementKind.Decided, decided.Kind);
        Assert.DoesNotContain("Partner refused", Assert.Single(Assert.Single(_publisher.Published).DecisionReasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_partner_arriving_after_a_fail_closed_decision_publishes_nothing_new()
    {
        var joiner = Joiner(TimeSpan.FromSeconds(5));
        var waiting = joiner.OfferAsync(Q("GBPUSD", 1), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var failClosed = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        var late = await joiner.OfferAsync(F("GBPUSD", 1), CancellationToken.None);

        Assert.Equal("feature_snapshot", Assert.Single(_monitor.JoinTimeouts));
        Assert.Equal(BarSettlementKind.AlreadyDecided, late.Kind);
        Assert.Equal(failClosed.DecisionId, late.DecisionId);
        Assert.Single(_publisher.Published);
    }

    [Fact]
    public async Task Input_the_engine_refuses_rejects_both_halves_with_the_field_and_publishes_nothing()
    {
        var joiner = Joiner();
        var features = Bars.Features("USDJPY", 0) with { Features = new Dictionary<string, double> { ["volatility"] = 0.1 } };
        var first = joiner.OfferAsync(InboundMessageReader.Validate(features), CancellationToken.None);

        var deciding = await Assert.ThrowsAsync<BarRejectedException>(() => joiner.OfferAsync(Q("USDJPY", 0), CancellationToken.None));
        var partner = await Assert.ThrowsAsync<BarRejectedException>(() => first);

        Assert.Contains("features.momentum_score", deciding.Message, StringComparison.Ordinal);
        Assert.Contains("features.momentum_score", partner.Message, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task A_lone_half_whose_key_the_engine_refuses_is_rejected_after_the_window_instead_of_requeued_forever()
    {
        var engine = InferenceEngine.CreateDefault(RepoPaths.Models);
        var joiner = new BarJoiner(
            engine,
            _publisher,
            _audit,
            _monitor,
            _recent,
            TestAuditHealth.Create(),
            TestPipelines.Bus(time: _time),
            Options.Create(new BusOptions { Join = new JoinOptions { Window = TimeSpan.FromSeconds(5) } }),
            _time,
            NullLogger<BarJoiner>.Instance,
            []);
        var waiting = joiner.OfferAsync(InboundHalf.Of(Bars.Qse("GBPUSD", 2, timeframe: "4h")), CancellationToken.None);
        var duplicate = joiner.OfferAsync(InboundHalf.Of(Bars.Qse("GBPUSD", 2, timeframe: "4h")), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(5));

        // Either delivery may be the one that fail-closes; both are refused with the engine's reason.
        var refused = await Assert.ThrowsAsync<BarRejectedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        var refusedDuplicate = await Assert.ThrowsAsync<BarRejectedException>(() => duplicate.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("invalid input timeframe: timeframe '4h'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("invalid input timeframe: timeframe '4h'", refusedDuplicate.Message, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
        Assert.Empty(_audit.Records);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task A_transient_publish_failure_is_retried_with_backoff_and_the_decision_published_once()
    {
        var joiner = Joiner();
        _publisher.FailNext = 2;
        _audit.FailNext = 1;
        var first = joiner.OfferAsync(F("AUDUSD", 0), CancellationToken.None);
        var second = joiner.OfferAsync(Q("AUDUSD", 0), CancellationToken.None);
        for (var i = 0; i < 20 && !second.IsCompleted; i++)
        {
            await Task.Delay(10);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await second.WaitAsync(TimeSpan.FromSeconds(10));
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(_publisher.Published);
        Assert.Single(_audit.Records);
    }

    [Fact]
    public async Task Stopping_releases_a_half_still_waiting_for_its_partner_without_deciding()
    {
        var joiner = Joiner();
        using var stop = new CancellationTokenSource();
        var waiting = joiner.OfferAsync(F("NZDUSD", 0), stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(_publisher.Published);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task Stopping_while_the_partner_is_deciding_keeps_the_waiting_half_until_the_decision_settles_it()
    {
        var publisher = new GatedPublisher();
        var joiner = Joiner(publisher: publisher);
        using var stop = new CancellationTokenSource();
        var waiting = joiner.OfferAsync(F("NZDUSD", 1), stop.Token);
        var deciding = joiner.OfferAsync(Q("NZDUSD", 1), stop.Token);
        await publisher.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        await Task.WhenAny(waiting, Task.Delay(200));
        Assert.False(waiting.IsCompleted, "the waiting half was released while its partner was deciding the bar");

        publisher.Confirm();
        var decided = await deciding.WaitAsync(TimeSpan.FromSeconds(10));
        var settled = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(BarSettlementKind.Decided, settled.Kind);
        Assert.Equal(decided.DecisionId, settled.DecisionId);
        Assert.Single(publisher.Published);
        Assert.Empty(_monitor.JoinTimeouts);
    }

    [Fact]
    public async Task Stopping_while_the_decider_gives_up_releases_the_waiting_half_to_be_requeued_with_its_partner()
    {
        var publisher = new GatedPublisher();
        var joiner = Joiner(publisher: publisher, attempts: 1);
        using var stop = new CancellationTokenSource();
        var waiting = joiner.OfferAsync(F("NZDUSD", 2), stop.Token);
        var deciding = joiner.OfferAsync(Q("NZDUSD", 2), stop.Token);
        await publisher.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();

        publisher.Fail();
        await Assert.ThrowsAsync<IOException>(() => deciding.WaitAsync(TimeSpan.FromSeconds(10)));
        // The waiter polls whether the bar is still being decided on the fake clock.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!waiting.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(10);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(publisher.Published);
        Assert.Equal(0, joiner.PendingCount);
    }

    [Fact]
    public async Task Hundreds_of_symbols_interleaved_in_any_order_are_each_decided_exactly_once()
    {
        var joiner = Joiner();
        var random = new Random(7);
        var halves = Enumerable.Range(0, 300)
            .SelectMany(s => Enumerable.Range(0, 3).SelectMany(b => new[] { F($"SYM{s}", b), Q($"SYM{s}", b), F($"SYM{s}", b) }))
            .OrderBy(_ => random.Next())
            .ToList();

        await Task.WhenAll(halves.Select(h => Task.Run(() => joiner.OfferAsync(h, CancellationToken.None))));

        var expected = Enumerable.Range(0, 300).SelectMany(s => Enumerable.Range(0, 3).Select(b => Bars.Id($"SYM{s}", b))).ToHashSet();
        Assert.Equal(900, _publisher.Published.Count);
        Assert.True(expected.SetEquals(_publisher.Published.Select(d => d.DecisionId)));
        Assert.Equal(900, _engine.Predictions);
        Assert.Equal(0, joiner.PendingCount);
    }
}
