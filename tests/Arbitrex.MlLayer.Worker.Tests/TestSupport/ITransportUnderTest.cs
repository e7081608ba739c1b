using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Outcomes;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A running worker on one transport, seen as an upstream publisher and a downstream subscriber see it.</summary>
internal interface ITransportUnderTest : IAsyncDisposable
{
    RecordingMonitor Monitor { get; }

    /// <summary>What the worker appended to its audit log.</summary>
    RecordingAuditLog Audit { get; }

    /// <summary>The worker's outcome counts.</summary>
    OutcomeCounters Outcomes { get; }

    Task PublishAsync(string exchange, string routingKey, byte[] body);

    /// <summary>The decisions published for bars whose symbol starts with <paramref name="symbolPrefix"/>.</summary>
    IReadOnlyList<MlDecision> Decisions(string symbolPrefix);

    /// <summary>Waits until <paramref name="count"/> messages published with routing keys starting with <paramref name="prefix"/> reach the error queue; their reasons.</summary>
    Task<IReadOnlyList<string>> ErrorReasonsAsync(string prefix, int count, TimeSpan timeout);
}
