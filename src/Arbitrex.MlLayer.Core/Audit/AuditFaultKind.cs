namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>What is wrong with the first bad record of an audit chain.</summary>
public enum AuditFaultKind
{
    /// <summary>The line is not a JSON audit record (or does not end with its <c>hash</c> member).</summary>
    BrokenJson,

    /// <summary>The last line of a file has no newline: the file was cut short.</summary>
    Truncated,

    /// <summary>The record's content does not match its own hash: it was changed after it was written.</summary>
    Edited,

    /// <summary>The record's <c>prev_hash</c> is not the hash of the record before it: a record before it was rewritten.</summary>
    BrokenLink,

    /// <summary>Records are missing: the sequence jumps forward and the skipped ones appear nowhere later.</summary>
    Missing,

    /// <summary>Records are out of order: the expected sequence appears later, or this one came before.</summary>
    Reordered,
}
