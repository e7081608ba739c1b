using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Arbitrex.MlLayer.Worker.Bus;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;
using Arbitrex.MlLayer.Worker.SampleData;
using Arbitrex.MlLayer.Worker.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arbitrex.MlLayer.Worker.Tests.SampleData;

/// <summary>
/// The embedded demo's outcomes on a fake clock: each decided sample bar's outcome (<see cref="SampleOutcomes"/>) comes
/// <c>Bus:Outcomes:SampleOutcomeDelay</c> after its decision and is recorded by the worker's <see cref="OutcomeRecorder"/>
/// into live quality, as the in-memory transport does.
/// </summary>
internal sealed class SampleOutcomeFlow
{
    private readonly ScorableDecisions _decisions = new(new OutcomeOptions().DecisionCapacity);
    private readonly Queue<(MlDecision Decision, DateTimeOffset DueAt)> _waiting = new();
    private readonly TimeSpan _delay = new OutcomeOptions().SampleOutcomeDelay;
    private readonly OutcomeRecorder _recorder;
    private readonly TimeProvider _time;

    public SampleOutcomeFlow(IPredictionMonitor monitor, LiveQualityTracker liveQuality, TimeProvider time)
    {
        _time = time;
        _recorder = new OutcomeRecorder(
            _decisions,
            new RecordingAuditLog(),
            TestAuditHealth.Create(),
            monitor,
            [liveQuality],
            new OutcomeCounters(),
            TestPipelines.Bus(time: time),
            time,
            NullLogger<OutcomeRecorder>.Instance);
    }

    /// <summary>Notes a decision as audited and published now; its outcome is due after the sample delay.</summary>
    public void Decided(MlDecision decision)
    {
        _decisions.Add(decision);
        _waiting.Enqueue((decision, _time.GetUtcNow() + _delay));
    }

    /// <summary>Records the outcome of every decision whose time has come, in decision order.</summary>
    public async Task RecordDueAsync(TimeSpan barLength)
    {
        while (_waiting.TryPeek(out var next) && next.DueAt <= _time.GetUtcNow())
        {
            _waiting.Dequeue();
            var decision = next.Decision;
            var outcome = SampleOutcomes.For(SampleMarket.Embedded, decision.Symbol, decision.Timeframe, barLength, decision.BarTime, decision.DecisionId);
            await _recorder.RecordAsync(outcome, CancellationToken.None);
        }
    }
}
