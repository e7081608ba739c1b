using Arbitrex.MlLayer.Core.Models.Xgboost;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The signal filter's XGBoost evaluator on a 100-tree depth-6 model (fixture depth6_trees100), over the
/// same 1,000 reference rows (12 % missing values) that tools/xgboost/bench_xgboost.py feeds xgboost.
/// </summary>
[MemoryDiagnoser]
public class XgboostModelBenchmarks
{
    private const string ModelName = "depth6_trees100";
    private const int RowCount = 1000;

    private XgboostModel _model = null!;
    private double[][] _rows = null!;
    private double[] _flatRows = null!;
    private double[] _probabilities = null!;
    private double[] _contributions = null!;
    private int[] _top = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _model = XgboostModel.Parse(ParityFixtureFiles.Xgboost.Model(ModelName));
        _rows = ParityFixtureFiles.Xgboost.Rows(ModelName);
        if (_rows.Length != RowCount)
        {
            throw new InvalidOperationException($"Expected {RowCount} reference rows, found {_rows.Length}.");
        }

        _flatRows = [.. _rows.SelectMany(r => r)];
        _probabilities = new double[RowCount];
        _contributions = new double[_model.ContributionCount];
        _top = new int[5];
    }

    /// <summary>One row per call, cycling through the reference rows.</summary>
    [Benchmark]
    public double SingleRowProbability()
    {
        var row = _rows[_next];
        _next = _next == RowCount - 1 ? 0 : _next + 1;
        return _model.PredictProbability(row);
    }

    /// <summary>All 1,000 rows in one call on one thread; reported per row.</summary>
    [Benchmark(OperationsPerInvoke = RowCount)]
    public double BatchProbabilityPerRow()
    {
        _model.PredictProbabilities(_flatRows, _probabilities);
        return _probabilities[RowCount - 1];
    }

    /// <summary>Exact TreeSHAP for one row, then the five largest contributions.</summary>
    [Benchmark]
    public int TreeShapTop5()
    {
        var row = _rows[_next];
        _next = _next == RowCount - 1 ? 0 : _next + 1;
        _model.PredictContributions(row, _contributions);
        return ContributionRanking.SelectTop(_contributions.AsSpan(0, _model.FeatureCount), _top);
    }
}
