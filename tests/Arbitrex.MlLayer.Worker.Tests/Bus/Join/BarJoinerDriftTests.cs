using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring.Drift;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Hosting;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

/// <summary>Which bars reach the drift window: those the engine decided from both halves, after their publish; never a fail-closed bar.</summary>
[Trait("Category", "Unit")]
public sealed class BarJoinerDriftTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisher = new();
    private readonly RecordingFeatureSink _sink = new();

    [Fact]
    public async Task A_decided_bar_feeds_the_drift_window_with_its_features_and_a_fail_closed_bar_does_not()
    {
        var joiner = new BarJoiner(
            new DeterministicEngine(),
            _publisher,
            new RecordingAuditLog(),
            new RecordingMonitor(),
            new RecentDecisions(1000),
            TestAuditHealth.Create(),
            TestPipelines.Bus(time: _time),
            Options.Create(new BusOptions { Join = new JoinOptions { Window = TimeSpan.FromSeconds(5) } }),
            _time,
            NullLogger<BarJoiner>.Instance,
            [new DriftWindowObserver(_sink)]);
        var decidedFeatures = Bars.Features("EURUSD", 0, momentum: 0.77);

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(decidedFeatures), CancellationToken.None);
        await joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("EURUSD", 0)), CancellationToken.None);
        await waiting;
        var lonelyFeatures = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("EURUSD", 1)), CancellationToken.None);
        var lonelyQse = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("EURUSD", 2)), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        await lonelyFeatures.WaitAsync(TimeSpan.FromSeconds(10));
        await lonelyQse.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, _publisher.Published.Count);
        var (features, decision) = Assert.Single(_sink.Bars);
        Assert.Equal(0.77, features[CanonicalFeatures.MomentumScore]);
        Assert.Equal(_publisher.Published.First().DecisionId, decision.DecisionId);
    }

    private sealed class RecordingFeatureSink : ILiveFeatureSink
    {
        public ConcurrentQueue<(IReadOnlyDictionary<string, double> Features, MlDecision Decision)> Bars { get; } = new();

        public void Record(IReadOnlyDictionary<string, double> features, MlDecision decision) => Bars.Enqueue((features, decision));
    }
}
