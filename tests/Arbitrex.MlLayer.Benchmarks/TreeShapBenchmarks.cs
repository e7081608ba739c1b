using Arbitrex.MlLayer.Benchmarks.Reference;
using Arbitrex.MlLayer.Core.Models.LightGbm;
using Arbitrex.MlLayer.Core.Models.Trees;
using Arbitrex.MlLayer.Core.Models.Xgboost;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// One decision's explanation: exact TreeSHAP for one row, then the five largest contributions, on the xgboost
/// 100-tree depth-6 fixture and the LightGBM 100-tree 255-leaf fixture, cycling over their 1,000 reference rows.
/// The baseline is the engine's first Linear TreeSHAP (a recursive walk); beside it Algorithm 2 (the engine's
/// before that), its second (two flat passes per tree over Vector256s of quadrature points, in runs of 16 edge
/// kinds) and the engine's now (split records in runs of two kinds, one vector of up to eight points per node).
/// </summary>
[MemoryDiagnoser]
public class TreeShapBenchmarks
{
    private const int RowCount = 1000;

    private ITreeEnsembleModel _model = null!;
    private LundbergTreeShap _reference = null!;
    private RecursiveLinearTreeShap _previous = null!;
    private FlatLinearTreeShap _flat = null!;
    private double _baseMargin;
    private double[][] _rows = null!;
    private double[] _contributions = null!;
    private int[] _top = null!;
    private int _next;

    [Params("xgboost depth6_trees100", "lightgbm deep_255_leaves")]
    public string Model { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var name = Model.Split(' ')[1];
        if (Model.StartsWith("xgboost", StringComparison.Ordinal))
        {
            var model = XgboostModel.Parse(ParityFixtureFiles.Xgboost.Model(name));
            (_model, _reference, _baseMargin, _rows) = (model, new LundbergTreeShap(model.Ensemble), model.BaseMargin, ParityFixtureFiles.Xgboost.Rows(name));
        }
        else
        {
            var model = LightGbmModel.Parse(ParityFixtureFiles.LightGbm.Model(name));
            (_model, _reference, _baseMargin, _rows) = (model, new LundbergTreeShap(model.Ensemble), 0, ParityFixtureFiles.LightGbm.Rows(name));
        }

        var ensemble = _model is XgboostModel xgboost ? xgboost.Ensemble : ((LightGbmModel)_model).Ensemble;
        (_previous, _flat) = (new RecursiveLinearTreeShap(ensemble), new FlatLinearTreeShap(ensemble));
        if (_rows.Length != RowCount)
        {
            throw new InvalidOperationException($"Expected {RowCount} reference rows, found {_rows.Length}.");
        }

        _contributions = new double[_model.ContributionCount];
        _top = new int[5];
    }

    [Benchmark]
    public int Algorithm2Top5()
    {
        _reference.Contributions(NextRow(), _baseMargin, _contributions);
        return ContributionRanking.SelectTop(_contributions.AsSpan(0, _model.FeatureCount), _top);
    }

    [Benchmark(Baseline = true)]
    public int RecursiveLinearTreeShapTop5()
    {
        _previous.Contributions(NextRow(), _baseMargin, _contributions);
        return ContributionRanking.SelectTop(_contributions.AsSpan(0, _model.FeatureCount), _top);
    }

    [Benchmark]
    public int FlatLinearTreeShapTop5()
    {
        _flat.Contributions(NextRow(), _baseMargin, _contributions);
        return ContributionRanking.SelectTop(_contributions.AsSpan(0, _model.FeatureCount), _top);
    }

    [Benchmark]
    public int LinearTreeShapTop5()
    {
        _model.PredictContributions(NextRow(), _contributions);
        return ContributionRanking.SelectTop(_contributions.AsSpan(0, _model.FeatureCount), _top);
    }

    private double[] NextRow()
    {
        var row = _rows[_next];
        _next = _next == RowCount - 1 ? 0 : _next + 1;
        return row;
    }
}
