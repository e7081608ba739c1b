using Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;
using BenchmarkDotNet.Attributes;

namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>
/// The native LightGBM library's own contribution call for one row (<c>LGBM_BoosterPredictForMat</c> with
/// <c>C_API_PREDICT_CONTRIB</c>, one thread) on the 100-tree 255-leaf fixture: the comparison row for TreeShapBenchmarks.
/// </summary>
public class NativeLightGbmBenchmarks : IDisposable
{
    private const string ModelName = "deep_255_leaves";
    private const int RowCount = 1000;

    private NativeLightGbmBooster _booster = null!;
    private double[][] _rows = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _rows = ParityFixtureFiles.LightGbm.Rows(ModelName);
        var path = ParityFixtureFiles.LightGbm.ModelFile(ModelName);
        try
        {
            _booster = NativeLightGbmBooster.Load(path, _rows[0].Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Benchmark]
    public double NativeContributionsPerRow()
    {
        var row = _rows[_next];
        _next = _next == RowCount - 1 ? 0 : _next + 1;
        return _booster.PredictContributions(row)[0];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _booster?.Dispose();
        GC.SuppressFinalize(this);
    }
}
