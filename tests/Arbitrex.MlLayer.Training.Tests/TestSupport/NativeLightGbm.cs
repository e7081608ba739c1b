using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Training.Tests.TestSupport;

/// <summary>
/// The few calls of the native LightGBM C API (lib_lightgbm from the NuGet <c>LightGBM</c> package) the tests
/// need to load a text model and predict with it, the reference a written model is checked against.
/// </summary>
internal static partial class NativeLightGbm
{
    private const string Library = "lib_lightgbm";
    private const int DataTypeFloat64 = 1;
    private const int PredictNormal = 0;

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreateFromModelfile", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int BoosterCreateFromModelfile(string filename, out int numIterations, out nint booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterPredictForMat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int BoosterPredictForMat(
        nint booster, double* data, int dataType, int rows, int columns, int isRowMajor, int predictType,
        int startIteration, int numIteration, string parameter, out long outLength, double* result);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    private static partial int BoosterFree(nint booster);

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    private static partial nint GetLastError();

    /// <summary>Loads <paramref name="modelPath"/> and returns the native probability of each row (row-major, <paramref name="columns"/> wide).</summary>
    public static unsafe double[] PredictProbabilities(string modelPath, double[] rowMajor, int columns)
    {
        Check(BoosterCreateFromModelfile(modelPath, out _, out var booster));
        try
        {
            var rows = rowMajor.Length / columns;
            var result = new double[rows];
            fixed (double* data = rowMajor)
            fixed (double* output = result)
            {
                Check(BoosterPredictForMat(booster, data, DataTypeFloat64, rows, columns, 1, PredictNormal, 0, -1, "num_threads=1", out var length, output));
                Assert.Equal(rows, length);
            }

            return result;
        }
        finally
        {
            Check(BoosterFree(booster));
        }
    }

    private static void Check(int status)
    {
        if (status != 0)
        {
            throw new InvalidOperationException("LightGBM: " + Marshal.PtrToStringUTF8(GetLastError()));
        }
    }
}
