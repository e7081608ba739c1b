using System.Globalization;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The <c>audit replay &lt;file-or-folder&gt;</c> verb, once the caller has built the engine (from
/// <c>--config</c> or the current configuration). Exit codes follow <c>diff</c>: nothing would change,
/// something would, or the replay could not run.
/// </summary>
public static class AuditReplayCommand
{
    public const int ExitUnchanged = 0;
    public const int ExitChanged = 1;
    public const int ExitError = 2;

    /// <summary>
    /// Replays the audit log at <paramref name="fileOrFolder"/> through <paramref name="engine"/> (which
    /// should have seen no traffic) and writes a summary and up to <paramref name="maxListed"/> changed
    /// decisions to <paramref name="output"/>.
    /// </summary>
    public static int Run(string fileOrFolder, IInferenceEngine engine, TextWriter output, int maxListed = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(fileOrFolder))
        {
            output.WriteLine("usage: audit replay <file-or-folder> [--config <json>]");
            return ExitError;
        }

        AuditReplayReport report;
        try
        {
            report = new AuditReplay(engine).Run(fileOrFolder, maxListed, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            output.WriteLine("audit replay: " + ex.Message);
            return ExitError;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"replayed {report.Replayed} of {report.Records} decisions: {report.Changed} would change (allow_trade {report.AllowChanged}, regime {report.RegimeChanged}, reasons {report.ReasonsChanged}); {report.NotReplayable} not replayable (fail-closed, no inputs logged); {report.Refused} refused by the engine"));
        foreach (var c in report.Changes)
        {
            output.WriteLine(string.Create(inv,
                $"  #{c.Sequence} {c.DecisionId} {c.Symbol} {c.Timeframe} {c.BarTime:yyyy-MM-dd'T'HH:mm:ss'Z'}: allow_trade {Bool(c.AllowedBefore)} -> {Bool(c.AllowedAfter)}; regime {c.RegimeBefore} -> {c.RegimeAfter}; signal_prob {c.SignalProbBefore} -> {c.SignalProbAfter}; reasons [{string.Join("; ", c.ReasonsBefore)}] -> [{string.Join("; ", c.ReasonsAfter)}]"));
        }

        if (report.Changed > report.Changes.Count)
        {
            output.WriteLine(string.Create(inv, $"  ... and {report.Changed - report.Changes.Count} more"));
        }

        foreach (var r in report.Refusals)
        {
            output.WriteLine(string.Create(inv, $"  #{r.Sequence} {r.DecisionId}: refused ({r.Field}): {r.Error}"));
        }

        return report.Changed > 0 ? ExitChanged : ExitUnchanged;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
