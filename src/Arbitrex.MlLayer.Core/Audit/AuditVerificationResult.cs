namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The outcome of <see cref="AuditChainVerifier.Verify"/>.</summary>
public sealed record AuditVerificationResult
{
    public bool IsIntact => Fault is null;

    /// <summary>Files read, in chain order.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>Records that verified before the fault (all of them when intact).</summary>
    public required long RecordsVerified { get; init; }

    /// <summary>Sequence of the first record verified, or null when there was none.</summary>
    public required long? FirstSequence { get; init; }

    /// <summary>Sequence of the last record verified, or null when there was none.</summary>
    public required long? LastSequence { get; init; }

    /// <summary>
    /// Hash of the last record verified: comparing it with a copy kept elsewhere is what detects records
    /// cut off the end of the chain, which a hash chain alone cannot.
    /// </summary>
    public required string? LastHash { get; init; }

    /// <summary>The first bad record, or null when the chain is intact.</summary>
    public required AuditChainFault? Fault { get; init; }
}
