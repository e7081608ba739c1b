using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Registry;
using Microsoft.Extensions.Options;
using CollectorRegistry = Prometheus.CollectorRegistry;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// Drift of live inputs: every decided bar goes into the <see cref="LiveFeatureWindow"/> (the hot path: a copy of
/// 17 numbers), and the statistics are computed on read (<c>GET /metrics</c>, a scrape, an alert evaluation)
/// against the active signal filter's baseline. A report is reused for <see cref="DriftOptions.RefreshInterval"/>
/// unless the baseline changed, so frequent readers do not repeat the KS test's lattice count.
/// </summary>
public sealed class DriftMonitor : ILiveFeatureSink
{
    private readonly DriftOptions _options;
    private readonly IDriftBaselineSource _baselines;
    private readonly TimeProvider _time;
    private readonly Lock _reportGate = new();
    private DriftReport? _report;
    private (long WindowVersion, DriftBaseline? Baseline, string Version) _reportKey;

    /// <param name="registry">Where the drift families go (the monitor's registry); none when null.</param>
    public DriftMonitor(IOptions<DriftOptions> options, IDriftBaselineSource baselines, TimeProvider? timeProvider = null, CollectorRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baselines);
        _options = options.Value;
        _baselines = baselines;
        _time = timeProvider ?? TimeProvider.System;
        Window = new LiveFeatureWindow(_options.WindowBars);
        if (registry is not null)
        {
            _ = new DriftPrometheusMetrics(this, registry);
        }
    }

    public DriftOptions Options => _options;

    public LiveFeatureWindow Window { get; }

    /// <inheritdoc />
    public void Record(IReadOnlyDictionary<string, double> features, MlDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Window.Add(features, decision.Signal.SuccessProbability, decision.ModelVersions.TryGetValue(ModelNames.SignalFilter, out var version) ? version : null);
    }

    /// <summary>The statistics now (computed, or reused within the refresh interval).</summary>
    public DriftReport Report()
    {
        var active = _baselines.Active();
        var windowVersion = Window.Version;
        var now = _time.GetUtcNow();
        lock (_reportGate)
        {
            var sameBaseline = _report is not null && ReferenceEquals(_reportKey.Baseline, active.Baseline) && _reportKey.Version == active.Version;
            if (sameBaseline && (_reportKey.WindowVersion == windowVersion || now - _report!.ComputedAt < _options.RefreshInterval))
            {
                return _report!;
            }

            _report = Compute(active, Window.Copy(), now);
            _reportKey = (windowVersion, active.Baseline, active.Version);
            return _report;
        }
    }

    /// <summary>The value of a drift alert metric (<see cref="AlertMetrics.MaxFeaturePsi"/>, <see cref="AlertMetrics.PredictionPsi"/>); null without a verdict.</summary>
    public double? AlertValue(string metric) => metric switch
    {
        AlertMetrics.MaxFeaturePsi => Report().MaxPsi,
        AlertMetrics.PredictionPsi => Report().Prediction.Psi,
        _ => null,
    };

    /// <summary>Computes the next report afresh (a baseline was just written).</summary>
    public void Forget(string model, string version)
    {
        _baselines.Forget(model, version);
        lock (_reportGate)
        {
            _report = null;
        }
    }

    private DriftReport Compute(ActiveBaseline active, LiveWindowCopy window, DateTimeOffset now)
    {
        var features = new Dictionary<string, DriftStatistics>(StringComparer.Ordinal);
        double? maxPsi = null;
        foreach (var name in CanonicalFeatures.All)
        {
            var values = window.Features[name];
            var statistics = active.Baseline?.Features.GetValueOrDefault(name) is { } baseline
                ? Compare(baseline, values, withKs: true)
                : new DriftStatistics(DriftLevels.NoBaseline, values.Length);
            features[name] = statistics;
            if (statistics.Psi is { } psi)
            {
                maxPsi = Math.Max(maxPsi ?? psi, psi);
            }
        }

        // Probabilities count only when the active version made them: another model's say nothing about this one.
        var probabilities = window.SignalFilterVersion == active.Version ? window.Probabilities : [];
        var prediction = active.Baseline?.Prediction is { } predictionBaseline
            ? Compare(predictionBaseline, probabilities, withKs: false)
            : new DriftStatistics(DriftLevels.NoBaseline, probabilities.Length);
        return new DriftReport
        {
            Model = active.Model,
            Version = active.Version,
            HasBaseline = active.Baseline is not null,
            SampleSize = window.Bars,
            WindowBars = _options.WindowBars,
            MinSample = _options.MinSample,
            MaxPsi = maxPsi,
            Features = features,
            Prediction = prediction,
            ComputedAt = now,
        };
    }

    private DriftStatistics Compare(DecileBaseline baseline, double[] live, bool withKs)
    {
        if (live.Length < _options.MinSample || baseline.Total == 0)
        {
            return new DriftStatistics(DriftLevels.Insufficient, live.Length);
        }

        var psi = PopulationStabilityIndex.Of(baseline, live);
        var ks = withKs && baseline.Sample is { Count: > 0 } sample
            ? KolmogorovSmirnov.TwoSample([.. sample], live)
            : (KolmogorovSmirnovResult?)null;
        return new DriftStatistics(PopulationStabilityIndex.LevelOf(psi), live.Length, psi, ks?.Statistic, ks?.PValue);
    }
}
