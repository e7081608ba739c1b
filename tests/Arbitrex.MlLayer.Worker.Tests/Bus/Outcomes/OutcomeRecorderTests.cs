using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.Bus.Outcomes;

[Trait("Category", "Unit")]
public sealed class OutcomeRecorderTests
{
    private static readonly DeterministicEngine Engine = new();

    private readonly ScorableDecisions _decisions = new(100);
    private readonly RecordingAuditLog _audit = new();
    private readonly RecordingOutcomeSink _sink = new();
    private readonly OutcomeCounters _counters = new();

    public OutcomeRecorderTests()
    {
        _decisions.Add(Engine.Predict("EURUSD", "4H", Bars.Start.AddHours(4), Bars.Features("EURUSD", 1).Features, Bars.Qse("EURUSD", 1)));
    }

    private OutcomeRecorder Recorder(params IOutcomeSink[] sinks) => new(
        _decisions,
        _audit,
        TestAuditHealth.Create(),
        new RecordingMonitor(),
        sinks,
        _counters,
        TestPipelines.Bus(new RetryOptions { Attempts = 3, InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(5) }),
        TimeProvider.System,
        NullLogger<OutcomeRecorder>.Instance);

    [Fact]
    public async Task An_outcome_is_audited_with_its_decision_and_handed_to_live_quality()
    {
        var recorded = await Recorder(_sink).RecordAsync(TestOutcomes.Of("EURUSD", 1, success: true), CancellationToken.None);

        Assert.True(recorded);
        var (type, payload) = Assert.Single(_audit.Events);
        Assert.Equal(AuditRecordTypes.Outcome, type);
        var audited = Assert.IsType<AuditedOutcome>(payload);
        Assert.Equal(Bars.Id("EURUSD", 1), audited.DecisionId);
        Assert.Equal(("EURUSD", "4H", Bars.Start.AddHours(4)), (audited.Symbol, audited.Timeframe, audited.BarTime));
        Assert.True(audited.Success);
        Assert.Equal(0.012, audited.RealizedReturn);
        Assert.Equal(Bars.Start.AddHours(16), audited.ClosedAt);
        Assert.Equal((0.6, true, "TRENDING", "0123456789abcdef"), (audited.SignalProb, audited.Allowed, audited.Regime, audited.ConfigHash));
        Assert.Equal("test", audited.ModelVersions["signal_filter"]);

        var scored = Assert.Single(_sink.Outcomes);
        Assert.Equal((Bars.Id("EURUSD", 1), "test", "test", "TRENDING", 0.6, true, true, 0.012, Bars.Start.AddHours(4)),
            (scored.DecisionId, scored.SignalFilterVersion, scored.RegimeClassifierVersion, scored.Regime, scored.SuccessProbability, scored.AllowTrade, scored.Success, scored.RealizedReturn, scored.BarTime));
        Assert.Equal(1, _counters.Recorded);
    }

    [Fact]
    public async Task A_second_outcome_for_the_decision_changes_nothing()
    {
        var recorder = Recorder(_sink);
        await recorder.RecordAsync(TestOutcomes.Of("EURUSD", 1, success: true), CancellationToken.None);

        var again = await recorder.RecordAsync(TestOutcomes.Of("EURUSD", 1, success: false), CancellationToken.None);

        Assert.False(again);
        Assert.True(Assert.IsType<AuditedOutcome>(Assert.Single(_audit.Events).Payload).Success);
        Assert.Single(_sink.Outcomes);
        Assert.Equal((1, 1), (_counters.Recorded, _counters.Duplicates));
    }

    [Fact]
    public async Task Copies_arriving_together_are_recorded_once()
    {
        var recorder = Recorder(_sink);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => recorder.RecordAsync(TestOutcomes.Of("EURUSD", 1), CancellationToken.None))));

        Assert.Single(results, r => r);
        Assert.Single(_audit.Events);
        Assert.Single(_sink.Outcomes);
    }

    [Fact]
    public async Task An_outcome_of_a_decision_recorded_before_a_restart_is_a_duplicate()
    {
        _decisions.MarkRecorded(Bars.Id("EURUSD", 1));

        Assert.False(await Recorder(_sink).RecordAsync(TestOutcomes.Of("EURUSD", 1), CancellationToken.None));
        Assert.Empty(_audit.Events);
        Assert.Empty(_sink.Outcomes);
    }

    [Fact]
    public async Task Recording_works_without_any_live_quality_sink()
    {
        Assert.True(await Recorder().RecordAsync(TestOutcomes.Of("EURUSD", 1), CancellationToken.None));
        Assert.Single(_audit.Events);
    }

    [Fact]
    public async Task An_audit_write_that_fails_is_retried_and_the_outcome_recorded_once()
    {
        _audit.FailNext = 2;

        Assert.True(await Recorder(_sink).RecordAsync(TestOutcomes.Of("EURUSD", 1), CancellationToken.None));
        Assert.Single(_audit.Events);
        Assert.Single(_sink.Outcomes);
    }

    [Fact]
    public async Task An_unknown_decision_id_is_refused_naming_it()
    {
        var outcome = TestOutcomes.Of("EURUSD", 1) with { DecisionId = "0000feed" };

        var refusal = await Assert.ThrowsAsync<OutcomeRefusedException>(() => Recorder(_sink).RecordAsync(outcome, CancellationToken.None));

        Assert.Equal(OutcomeRefusedException.UnknownDecision, refusal.Category);
        Assert.Equal("unknown decision_id '0000feed': not among this worker's last 100 bus decisions", refusal.Message);
        Assert.Empty(_audit.Events);
    }

    [Theory]
    [InlineData("GBPUSD", "4H", 1, "symbol")]
    [InlineData("EURUSD", "1H", 1, "timeframe")]
    [InlineData("EURUSD", "4H", 2, "bar_time")]
    public async Task An_outcome_whose_bar_disagrees_with_the_decision_is_refused_naming_the_field(string symbol, string timeframe, int bar, string field)
    {
        var outcome = TestOutcomes.Of(symbol, bar, timeframe: timeframe) with { DecisionId = Bars.Id("EURUSD", 1) };

        var refusal = await Assert.ThrowsAsync<OutcomeRefusedException>(() => Recorder(_sink).RecordAsync(outcome, CancellationToken.None));

        Assert.Equal(OutcomeRefusedException.BarKeyMismatch, refusal.Category);
        Assert.StartsWith($"bar key mismatch ({field}): the outcome names {symbol}|{timeframe}|", refusal.Message, StringComparison.Ordinal);
        Assert.EndsWith("was decided for EURUSD|4H|2025-12-22T04:00:00Z", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(_audit.Events);
    }
}
