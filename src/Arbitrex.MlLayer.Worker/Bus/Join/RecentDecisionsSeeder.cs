using Arbitrex.MlLayer.Core.Audit;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// Before consuming, loads the last decisions of the audit log into the joiner's recent-decisions cache. A
/// worker that died after auditing a bar, before its publish was confirmed or both halves acknowledged, gets the
/// halves redelivered; remembering the audited decision republishes it unchanged instead of deciding the bar again
/// (or, for a lone half, fail-closed after the join window).
/// </summary>
internal sealed partial class RecentDecisionsSeeder(
    RecentDecisions recent,
    IOptions<AuditOptions> audit,
    IOptions<BusOptions> bus,
    ILogger<RecentDecisionsSeeder> logger) : IHostedService
{
    /// <summary>
    /// The active file and the last rotated one: a bar decided just before a rotation (daily, at 00:00 UTC, when
    /// many bars close) is in the rotated file when its lone half comes back. Older files are older than any
    /// redelivery reaches back.
    /// </summary>
    private const int NewestFiles = 2;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = audit.Value.Directory;
        if (!audit.Value.Enabled)
        {
            return Task.CompletedTask;
        }

        var capacity = bus.Value.Join.RecentDecisionCapacity;
        var retainedCapacity = bus.Value.Join.RetainedDecisionCapacity;
        var last = new Queue<(BarKey Key, string DecisionId)>(Math.Min(capacity, 4096));
        var retained = new Queue<AuditRecord>(Math.Min(retainedCapacity, 4096));
        try
        {
            // Only the bar's own (bus) decisions: an HTTP what-if for the same key must not make the bus
            // drop the bar as already decided.
            foreach (var record in AuditLogReader.ReadNewest(directory, NewestFiles).Where(r => r.Source == DecisionSource.Bus))
            {
                if (last.Count == capacity)
                {
                    last.Dequeue();
                }

                last.Enqueue((new BarKey(record.Symbol, record.Timeframe, record.BarTime), record.DecisionId));
                if (retained.Count == retainedCapacity)
                {
                    retained.Dequeue();
                }

                retained.Enqueue(record);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Log.Unreadable(logger, ex, directory);
        }

        // Older bars by id, the newest with their audited decision (packed): whether its publish was confirmed before
        // the last stop is unknown, so a redelivery republishes it (same content, same decision_id).
        foreach (var (key, decisionId) in last.Take(last.Count - retained.Count))
        {
            recent.Add(key, decisionId);
        }

        foreach (var record in retained)
        {
            recent.AddReadBack(new BarKey(record.Symbol, record.Timeframe, record.BarTime), record.ToDecision());
        }

        Log.Seeded(logger, last.Count, directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Remembered {Count} decided bars from the audit log in {Directory}")]
        public static partial void Seeded(ILogger logger, int count, string directory);

        [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Could not read the audit log in {Directory}; late duplicates of bars decided before this start may be decided again")]
        public static partial void Unreadable(ILogger logger, Exception exception, string directory);
    }
}
