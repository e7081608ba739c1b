using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Inbound;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Join;

/// <summary>Audit before publish, through the joiner, with the real audit writer.</summary>
[Trait("Category", "Unit")]
public sealed class DecisionCommitterTests
{
    private static BarJoiner Joiner(DeterministicEngine engine, IDecisionPublisher publisher, IAuditLog audit, RecentDecisions recent, int attempts = 2) => new(
        engine,
        publisher,
        audit,
        new RecordingMonitor(),
        recent,
        TestAuditHealth.Create(),
        TestPipelines.Bus(new RetryOptions { Attempts = attempts, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10) }),
        Options.Create(new BusOptions()),
        TimeProvider.System,
        NullLogger<BarJoiner>.Instance,
        []);

    private static AuditLogWriter Writer(string directory) =>
        new(Options.Create(new AuditOptions { Directory = directory }), TimeProvider.System, NullLogger<AuditLogWriter>.Instance);

    private static string Json(MlDecision decision) => JsonSerializer.Serialize(decision, ContractJson.Options);

    [Fact]
    public async Task A_decision_is_published_only_after_its_audit_record_is_written()
    {
        using var dir = new TempDirectory();
        await using var writer = Writer(dir.Path);
        var recordsWhenPublished = new List<int>();
        var publisher = new CallbackPublisher(_ => recordsWhenPublished.Add(AuditLogReader.Read(dir.Path).Count()));
        var joiner = Joiner(new DeterministicEngine(), publisher, writer, new RecentDecisions(100));

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("AUDFIRST", 0)), CancellationToken.None);
        await joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("AUDFIRST", 0)), CancellationToken.None);
        await waiting;

        Assert.Equal([1], recordsWhenPublished);
    }

    [Fact]
    public async Task A_bar_audited_before_a_crash_is_republished_unchanged_on_redelivery_and_audited_once()
    {
        using var dir = new TempDirectory();
        MlDecision audited;

        // The first process audits the bar, then dies before the broker confirms the publish (nothing acknowledged).
        await using (var writer = Writer(dir.Path))
        {
            var neverConfirms = new GatedPublisher();
            var crashed = Joiner(new DeterministicEngine(), neverConfirms, writer, new RecentDecisions(100));
            _ = crashed.OfferAsync(InboundMessageReader.Validate(Bars.Features("CRASH", 0)), CancellationToken.None);
            _ = crashed.OfferAsync(InboundMessageReader.Validate(Bars.Qse("CRASH", 0)), CancellationToken.None);
            await neverConfirms.Entered.WaitAsync(TimeSpan.FromSeconds(10));
            audited = Assert.Single(AuditLogReader.Read(dir.Path)).ToDecision();
        }

        // The restarted process remembers the audit log and gets both halves redelivered.
        var recent = new RecentDecisions(100);
        await new RecentDecisionsSeeder(recent, Options.Create(new AuditOptions { Directory = dir.Path }), Options.Create(new BusOptions()), NullLogger<RecentDecisionsSeeder>.Instance)
            .StartAsync(CancellationToken.None);
        var engine = new DeterministicEngine();
        var publisher = new RecordingPublisher();
        await using (var writer = Writer(dir.Path))
        {
            var restarted = Joiner(engine, publisher, writer, recent);
            var features = await restarted.OfferAsync(InboundMessageReader.Validate(Bars.Features("CRASH", 0)), CancellationToken.None);
            var qse = await restarted.OfferAsync(InboundMessageReader.Validate(Bars.Qse("CRASH", 0)), CancellationToken.None);

            Assert.Equal(BarSettlementKind.AlreadyDecided, features.Kind);
            Assert.Equal(BarSettlementKind.AlreadyDecided, qse.Kind);
        }

        Assert.Equal(Json(audited), Json(Assert.Single(publisher.Published)));
        Assert.Equal(0, engine.Predictions);
        Assert.Single(AuditLogReader.Read(dir.Path));
    }

    [Fact]
    public async Task A_publish_that_fails_after_the_audit_is_retried_with_the_audited_decision_not_a_new_one()
    {
        var audit = new RecordingAuditLog();
        var publisher = new RecordingPublisher { FailNext = 1 };
        var engine = new DeterministicEngine();
        var joiner = Joiner(engine, publisher, audit, new RecentDecisions(100), attempts: 1);

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("REPUB", 0)), CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("REPUB", 0)), CancellationToken.None));
        var settled = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Bars.Id("REPUB", 0), settled.DecisionId);
        Assert.Equal(Json(Assert.Single(audit.Records)), Json(Assert.Single(publisher.Published)));
        Assert.Equal(1, engine.Predictions);
    }

    [Fact]
    public async Task A_confirmed_publish_lets_go_of_the_audited_decision_keeping_the_id()
    {
        var recent = new RecentDecisions(100);
        var joiner = Joiner(new DeterministicEngine(), new RecordingPublisher { FailNext = 1 }, new RecordingAuditLog(), recent, attempts: 1);

        var waiting = joiner.OfferAsync(InboundMessageReader.Validate(Bars.Features("LETGO", 0)), CancellationToken.None);
        await Assert.ThrowsAsync<IOException>(() => joiner.OfferAsync(InboundMessageReader.Validate(Bars.Qse("LETGO", 0)), CancellationToken.None));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(recent.TryGet(new BarKey("LETGO", "4H", Bars.Start), out var decided));
        Assert.True(decided.Published);
        Assert.False(decided.HoldsDecision);
        Assert.Equal(Bars.Id("LETGO", 0), decided.DecisionId);
    }
}
