using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The members every audit line has, whatever its type: what the chain and rotation need.</summary>
internal sealed record AuditLineHeader
{
    [JsonRequired]
    public long Sequence { get; init; }

    /// <summary>Null on a decision line.</summary>
    public string? RecordType { get; init; }

    [JsonRequired]
    public DateTime Timestamp { get; init; }

    [JsonRequired]
    public string PrevHash { get; init; } = string.Empty;

    [JsonRequired]
    public string Hash { get; init; } = string.Empty;

    /// <summary>The line's type: <see cref="AuditRecordTypes.Decision"/> when it names none.</summary>
    [JsonIgnore]
    public string Type => RecordType ?? AuditRecordTypes.Decision;
}
