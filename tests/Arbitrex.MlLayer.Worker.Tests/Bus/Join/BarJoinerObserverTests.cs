using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

/// <summary>
/// When the audited-decision observers are told, that one that throws never reaches the decision path, and which bars
/// reach the drift window: those the engine decided from both halves, after their publish; never a fail-closed bar.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BarJoinerObserverTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingAuditLog _audit = new();

    [Fact]
    public async Task Each_observer_is_told_of_every_audited_decision_at_its_moment_before_or_after_the_publish()
    {
        var before = new MomentRecorder(AuditedDecisionMoment.BeforePublish, _audit, _publisher);
        var after = new MomentRecorder(AuditedDecisionMoment.AfterPublish, _audit, _publisher);
        using var joiner = Joiner(before, after);

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("EURUSD", 0)), CancellationToken.None);
        await joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("EURUSD", 0)), CancellationToken.None);
        await waiting;
        var lonely = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("EURUSD", 1)), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await lonely.WaitAsync(TimeSpan.FromSeconds(10));

        var published = _publisher.Published.Select(d => d.DecisionId).ToArray();
        Assert.Equal(2, published.Length);
        Assert.Equal(published, before.Seen.Select(s => s.DecisionId));
        Assert.Equal(published, after.Seen.Select(s => s.DecisionId));

        // Before the publish: audited, not yet published. After: published.
        Assert.All(before.Seen, s => Assert.True(s.Audited && !s.Published, s.DecisionId));
        Assert.All(after.Seen, s => Assert.True(s.Audited && s.Published, s.DecisionId));
        Assert.Equal([true, false], before.Seen.Select(s => s.DecidedFromInputs));
        Assert.Equal(0, joiner.ObserverFailures);
    }

    [Fact]
    public async Task An_observer_that_throws_is_counted_and_the_decision_and_the_other_observers_go_on()
    {
        var scorable = new ScorableDecisions(10);
        var after = new MomentRecorder(AuditedDecisionMoment.AfterPublish, _audit, _publisher);
        using var joiner = Joiner(
            new ThrowingObserver(AuditedDecisionMoment.BeforePublish),
            new ScorableDecisionsObserver(scorable),
            new ThrowingObserver(AuditedDecisionMoment.AfterPublish),
            after);

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("GBPUSD", 0)), CancellationToken.None);
        var settlement = await joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("GBPUSD", 0)), CancellationToken.None);
        await waiting;

        Assert.Equal(BarSettlementKind.Decided, settlement.Kind);
        Assert.Equal(settlement.DecisionId, Assert.Single(_publisher.Published).DecisionId);
        Assert.True(scorable.TryGet(settlement.DecisionId, out _));
        Assert.Equal(settlement.DecisionId, Assert.Single(after.Seen).DecisionId);
        Assert.Equal(2, joiner.ObserverFailures);
    }

    [Fact]
    public async Task A_decided_bar_feeds_the_drift_window_with_its_features_and_a_fail_closed_bar_does_not()
    {
        var sink = new RecordingFeatureSink();
        using var joiner = Joiner(new DriftWindowObserver(sink));

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("EURUSD", 0, momentum: 0.77)), CancellationToken.None);
        await joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("EURUSD", 0)), CancellationToken.None);
        await waiting;
        var lonelyFeatures = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("EURUSD", 1)), CancellationToken.None);
        var lonelyQse = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("EURUSD", 2)), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await lonelyFeatures.WaitAsync(TimeSpan.FromSeconds(10));
        await lonelyQse.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, _publisher.Published.Count);
        var (features, decision) = Assert.Single(sink.Bars);
        Assert.Equal(0.77, features[CanonicalFeatures.MomentumScore]);
        Assert.Equal(_publisher.Published.First().DecisionId, decision.DecisionId);
    }

    private BarJoiner Joiner(params IAuditedDecisionObserver[] observers) => new(
        new DeterministicEngine(),
        _publisher,
        _audit,
        new RecordingMonitor(),
        new RecentDecisions(1000),
        TestAuditHealth.Create(),
        TestPipelines.Bus(time: _time),
        Options.Create(new BusOptions { Join = new JoinOptions { Window = TimeSpan.FromSeconds(5) } }),
        _time,
        NullLogger<BarJoiner>.Instance,
        observers);

    private sealed record Sighting(string DecisionId, bool Audited, bool Published, bool DecidedFromInputs);

    /// <summary>Notes, for each decision it is told of, whether the audit and the publisher had it at that moment.</summary>
    private sealed class MomentRecorder(AuditedDecisionMoment moment, RecordingAuditLog audit, RecordingPublisher publisher) : IAuditedDecisionObserver
    {
        public ConcurrentQueue<Sighting> Seen { get; } = new();

        public AuditedDecisionMoment Moment => moment;

        public void Observe(AuditedDecision decision)
        {
            var id = decision.Decision.DecisionId;
            Seen.Enqueue(new Sighting(id, audit.Records.Any(r => r.DecisionId == id), publisher.Published.Any(p => p.DecisionId == id), decision.DecidedFromInputs));
        }
    }

    private sealed class RecordingFeatureSink : ILiveFeatureSink
    {
        public ConcurrentQueue<(IReadOnlyDictionary<string, double> Features, MlDecision Decision)> Bars { get; } = new();

        public void Record(IReadOnlyDictionary<string, double> features, MlDecision decision) => Bars.Enqueue((features, decision));
    }

    private sealed class ThrowingObserver(AuditedDecisionMoment moment) : IAuditedDecisionObserver
    {
        public AuditedDecisionMoment Moment => moment;

        public void Observe(AuditedDecision decision) => throw new InvalidOperationException("observer broke");
    }
}
