using System.Collections.Concurrent;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal sealed class RecordingAuditLog : IAuditLog
{
    public ConcurrentQueue<MlDecision> Records { get; } = new();

    /// <summary>The source of each record in <see cref="Records"/>, in the same order.</summary>
    public ConcurrentQueue<DecisionSource> Sources { get; } = new();

    /// <summary>The records of other types, as (record type, payload), in order.</summary>
    public ConcurrentQueue<(string RecordType, object? Payload)> Events { get; } = new();

    /// <summary>Number of upcoming appends that fail, to exercise retries.</summary>
    public int FailNext { get; set; }

    public ValueTask AppendAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, DecisionSource source = DecisionSource.Bus, CancellationToken cancellationToken = default)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("disk hiccup");
        }

        Records.Enqueue(decision);
        Sources.Enqueue(source);
        return ValueTask.CompletedTask;
    }

    public ValueTask AppendEventAsync<TPayload>(string recordType, TPayload payload, CancellationToken cancellationToken = default)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("disk hiccup");
        }

        Events.Enqueue((recordType, payload));
        return ValueTask.CompletedTask;
    }
}
