using System.Globalization;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Holds the rules and the state of each rule's alert. Evaluation runs on a timer over the
/// per-minute buckets, so its cost is spread over all predictions in an interval.
/// </summary>
/// <param name="liveQuality">Where live quality metrics come from; without it they have no data and never breach.</param>
internal sealed class AlertEvaluator(int minimumSamples, int historySize, ILogger logger, LiveQualityTracker? liveQuality = null)
{
    private readonly Lock _gate = new();
    private readonly List<AlertRule> _rules = [];
    private readonly Dictionary<string, Alert> _open = new(StringComparer.Ordinal);
    private readonly LinkedList<Alert> _history = new();
    private int _firingCount;

    public int FiringCount => Volatile.Read(ref _firingCount);

    public IReadOnlyList<AlertRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(AlertRule rule)
    {
        AlertRuleValidator.Validate(rule);
        lock (_gate)
        {
            if (_rules.Exists(r => string.Equals(r.Name, rule.Name, StringComparison.Ordinal)))
            {
                throw new InvalidAlertRuleException("name", $"An alert rule named '{rule.Name}' already exists.");
            }

            _rules.Add(rule);
        }
    }

    public bool Remove(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => string.Equals(r.Name, name, StringComparison.Ordinal));
            if (index < 0)
            {
                return false;
            }

            _rules.RemoveAt(index);
            if (_open.Remove(name, out var alert) && alert.State == AlertState.Firing)
            {
                Record(alert with { State = AlertState.Resolved, ResolvedAt = now, Message = $"{alert.Message} (rule removed)" });
            }

            UpdateFiringCount();
            return true;
        }
    }

    public IReadOnlyList<Alert> Open(AlertState state)
    {
        lock (_gate)
        {
            return [.. _open.Values.Where(a => a.State == state).OrderBy(a => a.Name, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<Alert> History(int limit)
    {
        lock (_gate)
        {
            return [.. _history.Take(limit)];
        }
    }

    /// <summary><paramref name="window"/> gives a rule's totals: its whole minutes plus the current partial minute.</summary>
    public void Evaluate(DateTimeOffset now, Func<int, TallyTotals> window)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                var (value, subject) = AlertMetrics.IsLiveQuality(rule.Metric)
                    ? LiveValueOf(rule)
                    : (ValueOf(rule, window(rule.WindowMinutes), now), null);
                var breached = value is { } v && AlertRuleValidator.Holds(v, rule.Operator, rule.Threshold);
                _open.TryGetValue(rule.Name, out var current);
                if (breached)
                {
                    var pending = current ?? Describe(rule, AlertState.Pending, value) with { PendingSince = now };
                    pending = pending with { Value = value, Message = MessageOf(rule, value, subject) };
                    if (pending.State == AlertState.Pending && now - pending.PendingSince >= rule.For)
                    {
                        pending = pending with { State = AlertState.Firing, FiredAt = now };
                        Record(pending);
                        Log.AlertFiring(logger, rule.Name, rule.Severity, pending.Message);
                    }

                    _open[rule.Name] = pending;
                }
                else if (current is not null)
                {
                    _open.Remove(rule.Name);
                    if (current.State == AlertState.Firing)
                    {
                        var resolved = current with { State = AlertState.Resolved, ResolvedAt = now, Value = value, Message = MessageOf(rule, value, subject) };
                        Record(resolved);
                        Log.AlertResolved(logger, rule.Name, resolved.Message);
                    }
                }
            }

            UpdateFiringCount();
        }
    }

    /// <summary>A live quality metric and the version it was taken from (the worst one).</summary>
    private (double? Value, string? Subject) LiveValueOf(AlertRule rule) =>
        liveQuality?.AlertValue(rule.Metric, rule.WindowMinutes, rule.MinSamples) is { } live
            ? (live.Value, string.Create(CultureInfo.InvariantCulture, $"signal_filter {live.ModelVersion}, {live.Outcomes} outcomes"))
            : (null, null);

    private double? ValueOf(AlertRule rule, TallyTotals totals, DateTimeOffset now)
    {
        if (AlertMetrics.NeedsMinimumSamples(rule.Metric) && totals.Count < (rule.MinSamples ?? minimumSamples))
        {
            return null;
        }

        return rule.Metric switch
        {
            AlertMetrics.SuppressionRate => totals.SuppressionRate,
            AlertMetrics.AllowRate => totals.AllowRate,
            AlertMetrics.AvgProcessingTimeMs => totals.AvgLatencyMs,
            AlertMetrics.MaxProcessingTimeMs => totals.LatencyMaxMs,
            AlertMetrics.StressedRegimeRate => totals.RegimeShare(RegimeSlot.Of(RegimeSlot.Stressed)),
            AlertMetrics.TrendingRegimeRate => totals.RegimeShare(RegimeSlot.Of(RegimeSlot.Trending)),
            AlertMetrics.RangingRegimeRate => totals.RegimeShare(RegimeSlot.Of(RegimeSlot.Ranging)),
            AlertMetrics.AvgRegimeConfidence => totals.AvgConfidence,
            AlertMetrics.AvgSignalProb => totals.AvgProbability,
            AlertMetrics.PredictionCount => totals.Count,
            AlertMetrics.ThroughputPerHour => totals.Count * 60.0 / CoveredMinutes(rule, now),
            AlertMetrics.JoinTimeouts => totals.JoinTimeouts,
            AlertMetrics.RejectedMessages => totals.Rejected,
            AlertMetrics.AuditWriteFailures => totals.AuditWriteFailures,
            _ => null,
        };
    }

    /// <summary>The window spans window_minutes whole minutes plus the elapsed part of the current one.</summary>
    private static double CoveredMinutes(AlertRule rule, DateTimeOffset now) =>
        rule.WindowMinutes + (double)(now.UtcTicks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerMinute;

    private static Alert Describe(AlertRule rule, AlertState state, double? value) => new()
    {
        Name = rule.Name,
        Metric = rule.Metric,
        Operator = rule.Operator,
        Threshold = rule.Threshold,
        WindowMinutes = rule.WindowMinutes,
        Severity = rule.Severity,
        State = state,
        Value = value,
        Message = MessageOf(rule, value),
    };

    private static string MessageOf(AlertRule rule, double? value, string? subject = null) => value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{rule.Metric} {v:0.####} {rule.Operator} {rule.Threshold:0.####} over {rule.WindowMinutes} min") + (subject is null ? "" : $" ({subject})")
        : string.Create(CultureInfo.InvariantCulture, $"{rule.Metric} has too little data over {rule.WindowMinutes} min (threshold {rule.Operator} {rule.Threshold:0.####})");

    private void Record(Alert alert)
    {
        _history.AddFirst(alert);
        while (_history.Count > historySize)
        {
            _history.RemoveLast();
        }
    }

    private void UpdateFiringCount() =>
        Volatile.Write(ref _firingCount, _open.Values.Count(a => a.State == AlertState.Firing));
}
