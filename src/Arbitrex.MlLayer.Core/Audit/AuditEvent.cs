using System.Text.Json;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>A line of the audit log that is not decision-shaped (see <see cref="AuditRecordTypes"/>).</summary>
public sealed record AuditEvent
{
    public required long Sequence { get; init; }

    public required string RecordType { get; init; }

    /// <summary>When the record was appended, UTC.</summary>
    public required DateTime Timestamp { get; init; }

    /// <summary>The whole line as JSON (chain members included); read the payload's members from it.</summary>
    public required JsonElement Line { get; init; }

    /// <summary>The line read as <typeparamref name="T"/> (an event payload type) with the audit file's snake_case options.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not an audit payload type.</exception>
    public T Read<T>() => Line.Deserialize(AuditJson.Options.TypeInfo<T>())
        ?? throw new JsonException($"Audit record {Sequence} of type '{RecordType}' is the JSON literal null.");
}
