using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Monitoring;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// Cost of <see cref="MlMonitor.Record"/> per prediction in steady state (every symbol and reason
/// category already seen), alone and with alert evaluation amortised over 1,000 predictions
/// (the monitor itself evaluates every 10 s, far less often).
/// </summary>
[MemoryDiagnoser]
public class MonitorBenchmarks : IDisposable
{
    private const int Batch = 1_000;

    private MlDecision[] _decisions = [];
    private MlMonitor _monitor = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _monitor = new MlMonitor(Options.Create(new MonitoringOptions()));
        string[] symbols = ["EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", "EURJPY", "XAUUSD", "NZDUSD"];
        string[] regimes = ["TRENDING", "RANGING", "STRESSED"];
        _decisions = new MlDecision[1024];
        for (var i = 0; i < _decisions.Length; i++)
        {
            var regime = regimes[i % 3];
            var allowed = i % 4 == 0;
            var probability = 0.3 + (i % 50) / 100.0;
            _decisions[i] = new MlDecision
            {
                DecisionId = i.ToString(CultureInfo.InvariantCulture),
                Symbol = symbols[i % symbols.Length],
                Timeframe = "4H",
                BarTime = DateTime.UtcNow,
                Timestamp = DateTime.UtcNow,
                AllowTrade = allowed,
                Regime = new RegimePrediction { RegimeLabel = regime, Confidence = 0.6, EfficiencyRatio = 0.4, Probabilities = new Dictionary<string, double> { [regime] = 0.6 } },
                Signal = new SignalPrediction { SuccessProbability = probability, ShouldEnter = allowed, ShouldExit = false, ConfidenceLevel = "MEDIUM", TopFeatures = [] },
                // Reasons carry numbers, so each is its own string instance, as the engine produces them.
                DecisionReasons = [allowed ? "Allowed: all checks passed" : string.Create(CultureInfo.InvariantCulture, $"Signal probability {probability:0.000} <= 0.55")],
                QseValid = true,
                ProcessingTimeMs = 0.004 + (i % 7) * 0.001,
                ConfigHash = "eb865791dc659ec1",
                ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v1.0.0" },
            };
        }

        foreach (var decision in _decisions)
        {
            _monitor.Record(decision);
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _monitor?.Dispose();
        }
    }

    [Benchmark(Baseline = true)]
    public void Record() => _monitor.Record(_decisions[_next++ & 1023]);

    [Benchmark(OperationsPerInvoke = Batch)]
    public void RecordWithAlertEvaluationEvery1000()
    {
        for (var i = 0; i < Batch; i++)
        {
            _monitor.Record(_decisions[_next++ & 1023]);
        }

        _monitor.EvaluateAlerts();
    }

    [Benchmark]
    public void EvaluateAlerts() => _monitor.EvaluateAlerts();

    [Benchmark]
    public Task<string> ExportPrometheus() => _monitor.ExportPrometheusAsync();
}
