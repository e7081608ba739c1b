using Arbitrex.MlLayer.Core.Audit;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Decisions;

/// <summary>
/// Refuses to start on an audit folder whose chain ends in a damaged record, naming the file and line, in every mode:
/// appending to it would extend a chain that no longer verifies, and the operator must look first.
/// </summary>
internal sealed class AuditTailValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            return AuditTail.Problem(options.Directory) is { } problem
                ? ValidateOptionsResult.Fail($"Audit:Directory: {problem}; run 'audit verify {Path.GetFullPath(options.Directory)}' and move the damaged file aside.")
                : ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Audit:Directory: the audit folder '{Path.GetFullPath(options.Directory)}' cannot be read: {ex.Message}");
        }
    }
}
