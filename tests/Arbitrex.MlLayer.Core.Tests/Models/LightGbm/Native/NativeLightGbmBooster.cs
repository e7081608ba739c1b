namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;

/// <summary>A model loaded by the native LightGBM library itself: the reference the C# evaluator is compared with.</summary>
internal sealed class NativeLightGbmBooster : IDisposable
{
    private const string Parameters = "num_threads=1";
    private IntPtr _handle;

    private NativeLightGbmBooster(IntPtr handle, int featureCount)
    {
        _handle = handle;
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    public static NativeLightGbmBooster Load(string modelPath, int featureCount)
    {
        LightGbmNativeMethods.Check(
            LightGbmNativeMethods.LGBM_BoosterCreateFromModelfile(modelPath, out _, out var handle), "LGBM_BoosterCreateFromModelfile");
        return new NativeLightGbmBooster(handle, featureCount);
    }

    /// <summary>Probabilities of row-major <paramref name="rows"/> (<c>C_API_PREDICT_NORMAL</c>).</summary>
    public double[] PredictProbabilities(ReadOnlySpan<double> rows) => Predict(rows, LightGbmNativeMethods.PredictNormal, 1);

    /// <summary>Raw scores of row-major <paramref name="rows"/> (<c>C_API_PREDICT_RAW_SCORE</c>).</summary>
    public double[] PredictRawScores(ReadOnlySpan<double> rows) => Predict(rows, LightGbmNativeMethods.PredictRawScore, 1);

    /// <summary>TreeSHAP contributions, row-major, <see cref="FeatureCount"/> + 1 per row (<c>C_API_PREDICT_CONTRIB</c>).</summary>
    public double[] PredictContributions(ReadOnlySpan<double> rows) => Predict(rows, LightGbmNativeMethods.PredictContrib, FeatureCount + 1);

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            _ = LightGbmNativeMethods.LGBM_BoosterFree(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private double[] Predict(ReadOnlySpan<double> rows, int predictType, int valuesPerRow)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        var rowCount = rows.Length / FeatureCount;
        var result = new double[rowCount * valuesPerRow];
        LightGbmNativeMethods.Check(
            LightGbmNativeMethods.LGBM_BoosterPredictForMat(
                _handle, rows, LightGbmNativeMethods.DataTypeFloat64, rowCount, FeatureCount, 1, predictType, 0, -1, Parameters,
                out var length, result),
            "LGBM_BoosterPredictForMat");
        return length == result.Length
            ? result
            : throw new InvalidOperationException($"LGBM_BoosterPredictForMat wrote {length} values where {result.Length} were expected.");
    }
}
