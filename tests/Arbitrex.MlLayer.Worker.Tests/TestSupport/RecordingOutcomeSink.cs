using System.Collections.Concurrent;
using Arbitrex.MlLayer.Core.Monitoring.Quality;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>Keeps every scored outcome handed to live quality.</summary>
internal sealed class RecordingOutcomeSink : IOutcomeSink
{
    public ConcurrentQueue<ScoredOutcome> Outcomes { get; } = new();

    public void Record(ScoredOutcome outcome) => Outcomes.Enqueue(outcome);
}
