using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The tamper-evident record of every decision (<c>predictions.jsonl</c>).</summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends one record for <paramref name="decision"/> with the inputs that produced it. The task
    /// completes once the record is written and flushed to the OS, so a caller may acknowledge the
    /// inputs afterwards. <paramref name="source"/> says whether it is the bar's decision (bus) or an
    /// ad-hoc what-if (HTTP).
    /// </summary>
    ValueTask AppendAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, DecisionSource source = DecisionSource.Bus, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one record of <paramref name="recordType"/> (see <see cref="AuditRecordTypes"/>) in the same
    /// chain: <c>record_type</c>, the time of appending as <c>timestamp</c>, then the members of
    /// <paramref name="payload"/> in snake_case. Completes once the record is flushed, like
    /// <see cref="AppendAsync"/>.
    /// </summary>
    /// <typeparam name="TPayload">A payload type of the audit file (listed in its generated JSON metadata, as
    /// <see cref="AuditedOutcome"/> and <see cref="BaselineCaptureRecord"/> are); any other is refused with
    /// <see cref="NotSupportedException"/>.</typeparam>
    ValueTask AppendEventAsync<TPayload>(string recordType, TPayload payload, CancellationToken cancellationToken = default);
}
