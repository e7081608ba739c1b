using System.Globalization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The <c>audit verify &lt;file-or-folder&gt;</c> verb.</summary>
public static class AuditVerifyCommand
{
    public const int ExitIntact = 0;
    public const int ExitBroken = 1;
    public const int ExitUsage = 2;

    /// <summary>
    /// Verifies the chain at the single argument and writes one line per finding to
    /// <paramref name="output"/>. Returns <see cref="ExitIntact"/>, <see cref="ExitBroken"/> (the first bad
    /// record is printed) or <see cref="ExitUsage"/> (wrong arguments, nothing at the path, unreadable).
    /// </summary>
    /// <param name="args">The arguments after <c>audit verify</c>.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Count != 1 || string.IsNullOrWhiteSpace(args[0]))
        {
            output.WriteLine("usage: audit verify <file-or-folder>");
            return ExitUsage;
        }

        int exit;
        try
        {
            var isChangeLog = File.Exists(args[0]) && Path.GetFileName(args[0]) == ChangeLogFile.FileName;
            exit = Report(isChangeLog ? "change log" : "audit chain", isChangeLog ? AuditChainVerifier.VerifyChangeLog(args[0], cancellationToken) : AuditChainVerifier.Verify(args[0], cancellationToken), output);

            // A folder holds the admin change log beside the audit files when both keep their default places.
            var changeLog = Path.Combine(args[0], ChangeLogFile.FileName);
            if (Directory.Exists(args[0]) && File.Exists(changeLog))
            {
                exit = Math.Max(exit, Report("change log", AuditChainVerifier.VerifyChangeLog(changeLog, cancellationToken), output));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.WriteLine("audit verify: " + ex.Message);
            return ExitUsage;
        }

        return exit;
    }

    private static int Report(string what, AuditVerificationResult result, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var span = result.RecordsVerified == 0
            ? "no records"
            : string.Create(inv, $"{result.RecordsVerified} records, sequences {result.FirstSequence}..{result.LastSequence}, last hash {result.LastHash}");
        if (result.Fault is { } fault)
        {
            output.WriteLine("FAILED: first bad record at " + fault);
            output.WriteLine(string.Create(inv, $"verified before it: {span} in {result.Files.Count} file(s)"));
            return ExitBroken;
        }

        output.WriteLine(string.Create(inv, $"OK: {what} intact: {span} in {result.Files.Count} file(s)"));
        return ExitIntact;
    }
}
