using Arbitrex.MlLayer.Core.Monitoring.Quality;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// Cost of <see cref="LiveQualityTracker.Record"/> per outcome (at bar rate, beside the decision path) in steady
/// state (the window full and wrapping), and of computing every figure of one full window (5,000 outcomes, on read).
/// </summary>
[MemoryDiagnoser]
public class LiveQualityBenchmarks
{
    private readonly ScoredOutcome[] _outcomes = new ScoredOutcome[1024];
    private LiveQualityTracker _tracker = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _tracker = new LiveQualityTracker(Options.Create(new LiveQualityOptions()));
        string[] regimes = ["TRENDING", "RANGING", "STRESSED"];
        var now = DateTime.UtcNow;
        for (var i = 0; i < _outcomes.Length; i++)
        {
            var p = 0.3 + (i % 50) / 100.0;
            _outcomes[i] = new ScoredOutcome(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "v1.0.0", "v1.0.0_rule_based", regimes[i % 3], p, p > 0.55, i % 3 != 0, null, now, now);
        }

        for (var i = 0; i < 6_000; i++)
        {
            _tracker.Record(_outcomes[i % _outcomes.Length]);
        }
    }

    [Benchmark]
    public void Record() => _tracker.Record(_outcomes[_next++ & 1023]);

    /// <summary>A new outcome first, so the cached figures are recomputed: what a scrape pays after any change.</summary>
    [Benchmark]
    public VersionQuality RecordThenComputeFigures()
    {
        _tracker.Record(_outcomes[_next++ & 1023]);
        return _tracker.Of("v1.0.0");
    }
}
