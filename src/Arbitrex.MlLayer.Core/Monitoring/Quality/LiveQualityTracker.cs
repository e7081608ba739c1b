using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Monitoring.Quality;

/// <summary>
/// Live quality per signal filter version from the outcomes of its decisions: hit rate of allowed trades,
/// AUC, Brier score, log-loss and a calibration table, overall and per regime, over a sliding window (the
/// version's last <see cref="LiveQualityOptions.WindowOutcomes"/> outcomes recorded within the last
/// <see cref="LiveQualityOptions.WindowHours"/> hours). <see cref="Record"/> runs at bar rate: a dictionary
/// lookup, a short lock and a struct copy. Figures are computed when read (a scrape, <c>GET /metrics</c>,
/// an alert evaluation) and cached per version until it changes.
/// </summary>
public sealed class LiveQualityTracker : IOutcomeSink
{
    private readonly ConcurrentDictionary<string, OutcomeWindow> _windows = new(StringComparer.Ordinal);
    private readonly Lock _versionsGate = new();
    private readonly TimeProvider _time;
    private long _outcomesTotal;

    public LiveQualityTracker(IOptions<LiveQualityOptions> options, TimeProvider? timeProvider = null, IValidationBriers? validationBriers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        ValidationBriers = validationBriers;
    }

    public LiveQualityOptions Options { get; }

    /// <summary>Where the validation Brier of a version comes from; null when none is known (no Brier rule fires).</summary>
    public IValidationBriers? ValidationBriers { get; }

    /// <summary>Outcomes recorded since start.</summary>
    public long OutcomesTotal => Interlocked.Read(ref _outcomesTotal);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The success probability is not a number in [0, 1].</exception>
    public void Record(ScoredOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentException.ThrowIfNullOrEmpty(outcome.SignalFilterVersion);
        if (!(outcome.SuccessProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome.SuccessProbability, $"The success probability of decision {outcome.DecisionId} must be in [0, 1].");
        }

        var point = new OutcomePoint(
            outcome.SuccessProbability,
            outcome.Success,
            outcome.AllowTrade,
            RegimeSlot.Of(outcome.Regime),
            DateTime.SpecifyKind(outcome.RecordedAt, DateTimeKind.Utc).Ticks);
        WindowOf(outcome.SignalFilterVersion).Add(point);
        Interlocked.Increment(ref _outcomesTotal);
    }

    public LiveQualitySnapshot Snapshot()
    {
        var cutoff = CutoffTicks(Options.Window);
        return new LiveQualitySnapshot
        {
            WindowOutcomes = Options.WindowOutcomes,
            WindowHours = Options.WindowHours,
            MinOutcomes = Options.MinOutcomes,
            OutcomesTotal = OutcomesTotal,
            Versions = [.. _windows.Values
                .OrderBy(w => w.Version, StringComparer.Ordinal)
                .Select(w => w.Quality(cutoff, Options.MinOutcomes))
                .Where(q => q.Overall.Outcomes > 0)],
        };
    }

    /// <summary>One version's figures; every figure insufficient when it has no outcome in the window.</summary>
    public VersionQuality Of(string signalFilterVersion)
    {
        ArgumentNullException.ThrowIfNull(signalFilterVersion);
        return _windows.TryGetValue(signalFilterVersion, out var window)
            ? window.Quality(CutoffTicks(Options.Window), Options.MinOutcomes)
            : new OutcomeWindow(signalFilterVersion, 1).Quality(long.MaxValue, Options.MinOutcomes);
    }

    /// <summary>
    /// The value of a live quality alert metric (<see cref="AlertMetrics.LiveAuc"/>, <see cref="AlertMetrics.LiveHitRate"/>,
    /// <see cref="AlertMetrics.LiveBrierExcess"/>) over the outcomes recorded in the last <paramref name="windowMinutes"/>
    /// (within the tracker's window): the worst version among those with at least <paramref name="minOutcomes"/>
    /// (default <see cref="LiveQualityOptions.MinOutcomes"/>) behind the figure. Null when no version qualifies.
    /// </summary>
    public LiveAlertValue? AlertValue(string metric, int windowMinutes, int? minOutcomes)
    {
        var window = TimeSpan.FromMinutes(windowMinutes) < Options.Window ? TimeSpan.FromMinutes(windowMinutes) : Options.Window;
        var cutoff = CutoffTicks(window);
        var minimum = minOutcomes ?? Options.MinOutcomes;

        // Computed with the tracker's own minimum when the rule asks for more, so the cached figures serve both.
        var computeMinimum = Math.Min(minimum, Options.MinOutcomes);
        LiveAlertValue? worst = null;
        foreach (var outcomes in _windows.Values)
        {
            var figures = outcomes.Quality(cutoff, computeMinimum).Overall;
            LiveAlertValue? candidate = metric switch
            {
                AlertMetrics.LiveAuc when figures.Auc.Value is { } auc => new(auc, outcomes.Version, figures.Auc.Count),
                AlertMetrics.LiveHitRate when figures.HitRate.Value is { } hit => new(hit, outcomes.Version, figures.HitRate.Count),
                AlertMetrics.LiveBrierExcess when figures.Brier.Value is { } brier && ValidationBriers?.ValidationBrierOf(outcomes.Version) is { } validation
                    => new(brier - validation, outcomes.Version, figures.Brier.Count),
                _ => null,
            };
            if (candidate is { } c && c.Outcomes >= minimum && (worst is not { } w || (metric == AlertMetrics.LiveBrierExcess ? c.Value > w.Value : c.Value < w.Value)))
            {
                worst = c;
            }
        }

        return worst;
    }

    private long CutoffTicks(TimeSpan window) => (_time.GetUtcNow().UtcDateTime - window).Ticks;

    private OutcomeWindow WindowOf(string version)
    {
        if (_windows.TryGetValue(version, out var window))
        {
            return window;
        }

        lock (_versionsGate)
        {
            if (_windows.TryGetValue(version, out window))
            {
                return window;
            }

            if (_windows.Count >= Options.MaxVersions)
            {
                // The version whose latest outcome is oldest is the one nobody is still deciding with.
                var stalest = _windows.Values.MinBy(w => w.NewestTicks)!;
                _windows.TryRemove(stalest.Version, out _);
            }

            window = new OutcomeWindow(version, Options.WindowOutcomes);
            _windows[version] = window;
            return window;
        }
    }
}
