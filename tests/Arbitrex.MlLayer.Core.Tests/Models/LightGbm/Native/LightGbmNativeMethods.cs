using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;

/// <summary>
/// The entry points of LightGBM's C API (c_api.h) that the parity tests and the fixture generator use, bound to
/// the native library of the NuGet <c>LightGBM</c> package (runtimes/linux-x64/native/lib_lightgbm.so).
/// Every call returns 0 on success and -1 on failure, with the reason in <see cref="LGBM_GetLastError"/>.
/// </summary>
internal static partial class LightGbmNativeMethods
{
    public const int DataTypeFloat32 = 0;
    public const int DataTypeFloat64 = 1;
    public const int PredictNormal = 0;
    public const int PredictRawScore = 1;
    public const int PredictContrib = 3;
    public const int FeatureImportanceSplit = 0;

    private const string Library = "lib_lightgbm";

    [LibraryImport(Library)]
    public static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreateFromModelfile(string filename, out int numIterations, out IntPtr booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(
        IntPtr booster, ReadOnlySpan<double> data, int dataType, int rowCount, int columnCount, int isRowMajor, int predictType,
        int startIteration, int numIteration, string parameters, out long outLength, Span<double> result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(IntPtr booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(
        ReadOnlySpan<double> data, int dataType, int rowCount, int columnCount, int isRowMajor, string parameters, IntPtr reference,
        out IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(IntPtr dataset, string fieldName, ReadOnlySpan<float> data, int count, int dataType);

    /// <param name="featureNames">Pointers to NUL-terminated UTF-8 names.</param>
    [LibraryImport(Library)]
    public static partial int LGBM_DatasetSetFeatureNames(IntPtr dataset, IntPtr[] featureNames, int count);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(IntPtr dataset, string parameters, out IntPtr booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(IntPtr booster, out int isFinished);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterSaveModel(IntPtr booster, int startIteration, int numIteration, int featureImportanceType, string filename);

    /// <summary>Throws with LightGBM's own message when <paramref name="result"/> is not 0.</summary>
    public static void Check(int result, string call)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{call} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
        }
    }
}
