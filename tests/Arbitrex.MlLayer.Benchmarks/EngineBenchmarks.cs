using Arbitrex.MlLayer.Testing;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// <see cref="InferenceEngine.Predict"/> with the registry's rule-based models (regime classifier, logistic
/// signal filter, smoothing, decision logic): one full decision per operation. Allocated bytes include the
/// returned <see cref="MlDecision"/> graph (records, reasons, probabilities, top features, id string).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private InferenceEngine _engine = null!;
    private Dictionary<string, double> _features = null!;
    private QseOutput _qse = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = InferenceEngine.CreateDefault(Path.Combine(RepositoryRoot.Path, "models"));
        _features = SampleBar.Features();
        _qse = SampleBar.Qse("EURUSD", "4H");
        _engine.Predict("EURUSD", "4H", SampleBar.BarTime, _features, _qse);
    }

    [Benchmark]
    public MlDecision PredictRuleBased() => _engine.Predict("EURUSD", "4H", SampleBar.BarTime, _features, _qse);
}
