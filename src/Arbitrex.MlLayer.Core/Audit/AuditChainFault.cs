using System.Globalization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The first bad record of an audit chain.</summary>
public sealed record AuditChainFault
{
    public required string File { get; init; }

    /// <summary>1-based line number within <see cref="File"/>.</summary>
    public required long LineNumber { get; init; }

    /// <summary>The sequence the line carries, when it could be read.</summary>
    public required long? Sequence { get; init; }

    /// <summary>The sequence the chain expected at this line, when known.</summary>
    public required long? ExpectedSequence { get; init; }

    public required AuditFaultKind Kind { get; init; }

    /// <summary>Human-readable explanation naming the values involved.</summary>
    public required string Detail { get; init; }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{File}:{LineNumber} (sequence {(Sequence is { } s ? s.ToString(CultureInfo.InvariantCulture) : "?")}): {Kind}: {Detail}");
}
