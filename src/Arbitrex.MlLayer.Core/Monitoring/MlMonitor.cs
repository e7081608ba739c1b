using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Monitoring.Quality;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CollectorRegistry = Prometheus.CollectorRegistry;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// Metrics, alerts and decision history of the ML layer. <see cref="Record"/> is the hot path: a
/// handful of interlocked updates, no lock and no allocation once every symbol and reason category
/// has been seen. Alert rules are evaluated on a timer every
/// <see cref="MonitoringOptions.AlertEvaluationInterval"/>, never per prediction.
/// </summary>
// Over 300 lines on purpose: the monitor is the one place the decision tallies, the alert evaluation and the snapshot
// meet under one lock; the figures themselves live in their own types (DecisionTally, LiveQualityTracker, DriftMonitor).
public sealed class MlMonitor : IPredictionMonitor, IDisposable
{
    public const string MeterName = "Arbitrex.MlLayer";

    /// <summary>The content type of <see cref="ExportPrometheusAsync"/> (text exposition format 0.0.4).</summary>
    public const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly JsonTypeInfo<MonitorSnapshot> SnapshotJson = CreateSnapshotJson();

    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DecisionTally _lifetime = new();
    private readonly MinuteBuckets _minutes = new(MonitoringOptions.MaxWindowMinutes);
    private readonly LatencyWindow _latency;
    private readonly DecisionHistory _history;
    private readonly LabelCounter _symbols;
    private readonly LabelCounter _reasons;
    private readonly LabelCounter _joinTimeouts;
    private readonly LabelCounter _rejections;
    private readonly AlertEvaluator _alerts;
    private readonly MonitorInstruments _instruments;
    private readonly MonitorPrometheusMetrics _prometheus;
    private readonly ITimer _alertTimer;
    private readonly DateTimeOffset _startedAt;
    private readonly Lock _resetGate = new();
    private TallyTotals _baseline = new();
    private DateTimeOffset _lastResetAt;
    private MlDecision? _latest;
    private Drift.DriftMonitor? _drift;

    /// <param name="registry">Where the Prometheus families go; a new registry of this monitor's own when null (never the static default, so monitors do not share series).</param>
    /// <param name="liveQuality">Live quality per model version: shown in the snapshot and the exposition, watched by the live quality rules.</param>
    public MlMonitor(IOptions<MonitoringOptions> options, TimeProvider? timeProvider = null, ILogger<MlMonitor>? logger = null, IMeterFactory? meterFactory = null, CollectorRegistry? registry = null, LiveQualityTracker? liveQuality = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _startedAt = _time.GetUtcNow();
        _lastResetAt = _startedAt;
        _latency = new LatencyWindow(_options.LatencyWindowSize);
        _history = new DecisionHistory(_options.HistorySize);
        _symbols = new LabelCounter(_options.MaxLabelValues);
        _reasons = new LabelCounter(_options.MaxLabelValues);
        _joinTimeouts = new LabelCounter(_options.MaxLabelValues);
        _rejections = new LabelCounter(_options.MaxLabelValues);
        _joinTimeouts.Register("feature_snapshot");
        _joinTimeouts.Register("qse_output");
        LiveQuality = liveQuality;
        _alerts = new AlertEvaluator(_options.AlertMinimumSamples, _options.AlertHistorySize, _logger, liveQuality);
        if (_options.DefaultAlertRulesEnabled)
        {
            foreach (var rule in DefaultAlertRules.All)
            {
                _alerts.Add(rule == DefaultAlertRules.LiveBrierAboveValidation && liveQuality is not null
                    ? rule with { Threshold = liveQuality.Options.BrierMargin }
                    : rule);
            }
        }

        foreach (var rule in _options.AlertRules)
        {
            _alerts.Add(rule.ToRule());
        }

        _instruments = new MonitorInstruments(this, meterFactory);
        Registry = registry ?? Prometheus.Metrics.NewCustomRegistry();
        _prometheus = new MonitorPrometheusMetrics(this, Registry);
        if (liveQuality is not null)
        {
            LiveQualityPrometheusMetrics.Register(liveQuality, Registry);
        }

        _alertTimer = _time.CreateTimer(
            static state => ((MlMonitor)state!).EvaluateAlerts(),
            this,
            _options.AlertEvaluationInterval,
            _options.AlertEvaluationInterval);
    }

    public DateTimeOffset StartedAt => _startedAt;

    public MonitoringOptions Options => _options;

    /// <summary>Live quality per model version; null when the host feeds no outcomes.</summary>
    public LiveQualityTracker? LiveQuality { get; }

    /// <summary>The registry holding the monitor's Prometheus families (served at <c>GET /metrics/prometheus</c>).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The drift check whose report joins the snapshot and whose metrics the drift alert rules watch.</summary>
    public void AttachDrift(Drift.DriftMonitor drift) => Volatile.Write(ref _drift, drift);

    /// <inheritdoc />
    public void Record(MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var latencyMs = FiniteOrZero(decision.ProcessingTimeMs);
        var confidence = FiniteOrZero(decision.Regime.Confidence);
        var probability = FiniteOrZero(decision.Signal.SuccessProbability);
        var regime = RegimeSlot.Of(decision.Regime.RegimeLabel);
        var allowed = decision.AllowTrade;

        _lifetime.Add(regime, allowed, confidence, probability, latencyMs);
        _minutes.For(CurrentMinute()).Add(regime, allowed, confidence, probability, latencyMs);
        _latency.Add(latencyMs);
        _prometheus.ObserveProcessingTime(latencyMs);
        _symbols.Increment(decision.Symbol);
        var reasons = decision.DecisionReasons;
        for (var i = 0; i < reasons.Count; i++)
        {
            _reasons.Increment(ReasonCategory.Of(reasons[i]));
        }

        _history.Add(decision);
        Volatile.Write(ref _latest, decision);
    }

    /// <inheritdoc />
    public void RecordJoinTimeout(string missingHalf)
    {
        Interlocked.Increment(ref _lifetime.JoinTimeouts);
        Interlocked.Increment(ref _minutes.For(CurrentMinute()).JoinTimeouts);
        _joinTimeouts.Increment(string.IsNullOrEmpty(missingHalf) ? ReasonCategory.Unspecified : missingHalf);
    }

    /// <inheritdoc />
    public void RecordRejected(string reason)
    {
        Interlocked.Increment(ref _lifetime.Rejected);
        Interlocked.Increment(ref _minutes.For(CurrentMinute()).Rejected);
        _rejections.Increment(ReasonCategory.Of(reason));
    }

    /// <inheritdoc />
    public void RecordAuditWriteFailure()
    {
        Interlocked.Increment(ref _lifetime.AuditWriteFailures);
        Interlocked.Increment(ref _minutes.For(CurrentMinute()).AuditWriteFailures);
    }

    public MonitorSnapshot GetSnapshot()
    {
        var now = _time.GetUtcNow();
        var lifetime = LifetimeTotals();
        TallyTotals baseline;
        DateTimeOffset lastResetAt;
        lock (_resetGate)
        {
            baseline = _baseline;
            lastResetAt = _lastResetAt;
        }

        var sinceReset = lifetime.Minus(baseline);
        var latest = Volatile.Read(ref _latest);
        var regimeCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var regimeShares = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var slot = 0; slot < RegimeSlot.Count; slot++)
        {
            if (slot < RegimeSlot.Count - 1 || sinceReset.Regimes[slot] > 0)
            {
                regimeCounts[RegimeSlot.Labels[slot]] = sinceReset.Regimes[slot];
                regimeShares[RegimeSlot.Labels[slot]] = sinceReset.RegimeShare(slot);
            }
        }

        var firing = _alerts.Open(AlertState.Firing);
        return new MonitorSnapshot
        {
            Timestamp = now,
            StartedAt = _startedAt,
            LastResetAt = lastResetAt,
            UptimeSeconds = (now - _startedAt).TotalSeconds,
            PredictionsTotal = lifetime.Count,
            AllowedTotal = lifetime.Allowed,
            SuppressedTotal = lifetime.Suppressed,
            PredictionsSinceReset = sinceReset.Count,
            AllowedSinceReset = sinceReset.Allowed,
            SuppressedSinceReset = sinceReset.Suppressed,
            AllowRate = sinceReset.AllowRate,
            SuppressionRate = sinceReset.SuppressionRate,
            Latency = _latency.Summarise(),
            LifetimeAvgProcessingTimeMs = lifetime.AvgLatencyMs,
            ThroughputPerHour = ThroughputPerHour(),
            RegimeCounts = regimeCounts,
            RegimeDistribution = regimeShares,
            AvgRegimeConfidence = sinceReset.AvgConfidence,
            AvgSignalProbability = sinceReset.AvgProbability,
            PredictionsBySymbol = _symbols.Snapshot(),
            DecisionReasons = _reasons.Snapshot(),
            JoinTimeoutsTotal = lifetime.JoinTimeouts,
            JoinTimeoutsByMissingHalf = _joinTimeouts.Snapshot(),
            RejectedTotal = lifetime.Rejected,
            RejectedByReason = _rejections.Snapshot(),
            ActiveAlerts = firing.Count,
            Alerts = firing,
            ModelVersions = latest is null
                ? new SortedDictionary<string, string>(StringComparer.Ordinal)
                : new SortedDictionary<string, string>(latest.ModelVersions.ToDictionary(), StringComparer.Ordinal),
            ConfigHash = latest?.ConfigHash,
            AuditWriteFailures = lifetime.AuditWriteFailures,
            LiveQuality = LiveQuality?.Snapshot(),
            Drift = Volatile.Read(ref _drift)?.Report(),
        };
    }

    /// <summary>The last decisions, newest first, optionally only one symbol (case-insensitive) or only allowed/suppressed ones.</summary>
    public IReadOnlyList<MlDecision> GetDecisionHistory(int limit = 100, string? symbol = null, bool? allowed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _history.Newest(Math.Min(limit, _options.HistorySize), symbol, allowed);
    }

    public IReadOnlyList<AlertRule> AlertRules => _alerts.Rules;

    /// <summary>Alerts currently firing.</summary>
    public IReadOnlyList<Alert> ActiveAlerts => _alerts.Open(AlertState.Firing);

    /// <summary>Alerts whose condition holds but whose <c>for</c> duration has not passed yet.</summary>
    public IReadOnlyList<Alert> PendingAlerts => _alerts.Open(AlertState.Pending);

    /// <summary>Firing and resolved transitions, newest first.</summary>
    public IReadOnlyList<Alert> GetAlertHistory(int limit = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _alerts.History(limit);
    }

    /// <summary>Adds a rule at runtime.</summary>
    /// <exception cref="InvalidAlertRuleException">Unknown metric, operator or severity; bad threshold, window or <c>for</c>; duplicate name.</exception>
    public void AddAlertRule(AlertRule rule)
    {
        _alerts.Add(rule);
        Log.AlertRuleAdded(_logger, rule.Name, rule.Metric, rule.Operator, rule.Threshold, rule.WindowMinutes, rule.For);
    }

    /// <summary>Removes a rule; a firing alert of that rule is resolved. False when no rule has that name.</summary>
    public bool RemoveAlertRule(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var removed = _alerts.Remove(name, _time.GetUtcNow());
        if (removed)
        {
            Log.AlertRuleRemoved(_logger, name);
        }

        return removed;
    }

    /// <summary>Evaluates every rule now; the timer calls this every <see cref="MonitoringOptions.AlertEvaluationInterval"/>.</summary>
    public void EvaluateAlerts()
    {
        var now = _time.GetUtcNow();
        var minute = MinuteBuckets.MinuteOf(now);

        // The last window_minutes whole minutes plus the current partial one: with only the partial
        // minute counted, a short window held seconds of data after each rollover (too few samples),
        // so a firing alert resolved at every minute boundary.
        _alerts.Evaluate(now, windowMinutes => _minutes.Sum(minute, windowMinutes + 1), Volatile.Read(ref _drift) is { } drift ? drift.AlertValue : null);
    }

    /// <summary>
    /// Clears what is windowed: rates, shares and averages (they restart from this moment), the
    /// latency window, the per-minute buckets behind throughput and alert rules (firing alerts
    /// resolve at once for lack of data), and the decision history. Prometheus counters
    /// (<c>*_total</c>) keep counting so that <c>rate()</c> stays correct.
    /// </summary>
    public void Reset()
    {
        lock (_resetGate)
        {
            _minutes.Clear();
            _latency.Reset();
            _history.Clear();
            _baseline = LifetimeTotals();
            _lastResetAt = _time.GetUtcNow();
        }

        EvaluateAlerts();
        Log.MonitorReset(_logger);
    }

    /// <summary>Writes <c>ml_metrics_&lt;UTC timestamp&gt;.json</c> into <paramref name="directory"/> (default <see cref="MonitoringOptions.ExportDirectory"/>) and returns its path.</summary>
    public async Task<string> ExportSnapshotAsync(string? directory = null, CancellationToken cancellationToken = default)
    {
        directory ??= _options.ExportDirectory;
        Directory.CreateDirectory(directory);
        var snapshot = GetSnapshot();
        var body = JsonSerializer.SerializeToUtf8Bytes(snapshot, SnapshotJson);
        var stem = "ml_metrics_" + snapshot.Timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Combine(directory, attempt == 0 ? stem + ".json" : $"{stem}_{attempt}.json");
            if (File.Exists(path))
            {
                continue;
            }

            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            }

            Log.SnapshotExported(_logger, path);
            return path;
        }
    }

    /// <summary>The Prometheus text exposition of <see cref="Registry"/>: this monitor's families and whatever else the host registered there.</summary>
    public async Task<string> ExportPrometheusAsync(CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public void Dispose()
    {
        _alertTimer.Dispose();
        _instruments.Dispose();
    }

    internal TallyTotals LifetimeTotals()
    {
        var totals = new TallyTotals();
        totals.Add(_lifetime);
        return totals;
    }

    internal TallyTotals SinceResetTotals()
    {
        var lifetime = LifetimeTotals();
        lock (_resetGate)
        {
            return lifetime.Minus(_baseline);
        }
    }

    internal IReadOnlyDictionary<string, long> JoinTimeoutCounts() => _joinTimeouts.Snapshot();

    /// <summary>Hands the processing times recorded since <paramref name="since"/> to <paramref name="sink"/>; see <see cref="LatencyWindow.ForEachSince"/>.</summary>
    internal long LatencySamplesSince(long since, Action<double> sink) => _latency.ForEachSince(since, sink);

    /// <summary>When the latest decision was made; null before the first.</summary>
    internal DateTimeOffset? LatestDecisionTime => Volatile.Read(ref _latest) is { } latest
        ? new DateTimeOffset(DateTime.SpecifyKind(latest.Timestamp, DateTimeKind.Utc))
        : null;

    internal long ThroughputPerHour() => _minutes.Sum(CurrentMinute(), 60).Count;

    internal int FiringAlertCount => _alerts.FiringCount;

    internal double UptimeSeconds => (_time.GetUtcNow() - _startedAt).TotalSeconds;

    private long CurrentMinute() => MinuteBuckets.MinuteOf(_time.GetUtcNow());

    private static double FiniteOrZero(double value) => double.IsFinite(value) ? value : 0;

    /// <summary>The export's settings: the contract's, indented.</summary>
    private static JsonTypeInfo<MonitorSnapshot> CreateSnapshotJson()
    {
        var options = new JsonSerializerOptions(ContractJson.Options) { WriteIndented = true };
        options.TypeInfoResolverChain.Insert(0, CoreJsonContext.Default);
        return options.TypeInfo<MonitorSnapshot>();
    }
}
