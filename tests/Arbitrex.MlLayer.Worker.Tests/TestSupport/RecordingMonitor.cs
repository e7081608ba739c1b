using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal sealed class RecordingMonitor : IPredictionMonitor
{
    public ConcurrentQueue<MlDecision> Decisions { get; } = new();

    public ConcurrentQueue<string> JoinTimeouts { get; } = new();

    public ConcurrentQueue<string> Rejections { get; } = new();

    public void Record(MlDecision decision) => Decisions.Enqueue(decision);

    public void RecordJoinTimeout(string missingHalf) => JoinTimeouts.Enqueue(missingHalf);

    public void RecordRejected(string reason) => Rejections.Enqueue(reason);

    private int _auditWriteFailures;

    public int AuditWriteFailures => Volatile.Read(ref _auditWriteFailures);

    public void RecordAuditWriteFailure() => Interlocked.Increment(ref _auditWriteFailures);
}
