using System.Text.Json;
using Arbitrex.MlLayer.Core.Audit;
using Arbitrex.MlLayer.Worker.Bus.Join;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.Outcomes;

/// <summary>
/// Before consuming, loads the newest bus decisions of the audit log into <see cref="ScorableDecisions"/>, with the
/// outcomes already recorded for them (<c>outcome</c> records), so an outcome arriving after a restart is joined, and a
/// redelivered outcome recorded before the restart is acknowledged as a duplicate instead of recorded twice.
/// </summary>
internal sealed partial class ScorableDecisionsSeeder(
    ScorableDecisions decisions,
    IOptions<AuditOptions> audit,
    ILogger<ScorableDecisionsSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = audit.Value.Directory;
        if (!audit.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        var outcomes = 0;
        try
        {
            foreach (var file in NewestFiles(directory, decisions.Capacity))
            {
                foreach (var record in AuditLogReader.Read(file).Where(r => r.Source == DecisionSource.Bus))
                {
                    decisions.Add(
                        record.DecisionId,
                        new BarKey(record.Symbol, record.Timeframe, record.BarTime),
                        record.SignalProb,
                        record.Allowed,
                        record.Regime,
                        record.ModelVersions,
                        record.ConfigHash);
                }

                // An outcome is written after its decision: in this file or a later one, never an earlier one.
                foreach (var outcome in AuditLogReader.ReadEvents(file, AuditRecordTypes.Outcome))
                {
                    decisions.MarkRecorded(outcome.Line.GetProperty("decision_id").GetString()!);
                    outcomes++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Log.Unreadable(logger, ex, directory);
        }

        Log.Seeded(logger, decisions.Count, outcomes, directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The newest files, oldest of them first, that hold at least twice <paramref name="capacity"/> lines (decisions,
    /// their outcomes and what-ifs share the file): far enough back to fill the store without reading the whole history.
    /// </summary>
    private static List<string> NewestFiles(string directory, int capacity)
    {
        var files = AuditChainFiles.InOrder(directory);
        var chosen = new List<string>();
        long lines = 0;
        for (var f = files.Count - 1; f >= 0 && lines < 2L * capacity; f--)
        {
            chosen.Insert(0, files[f]);
            lines += AuditChainFiles.CountLines(files[f]);
        }

        return chosen;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4805, Level = LogLevel.Information, Message = "Remembered {Decisions} bus decisions and {Outcomes} recorded outcomes from the audit log in {Directory} for joining outcomes")]
        public static partial void Seeded(ILogger logger, int decisions, int outcomes, string directory);

        [LoggerMessage(EventId = 4806, Level = LogLevel.Warning, Message = "Could not read the audit log in {Directory}; outcomes of decisions made before this start may be refused or recorded twice")]
        public static partial void Unreadable(ILogger logger, Exception exception, string directory);
    }
}
