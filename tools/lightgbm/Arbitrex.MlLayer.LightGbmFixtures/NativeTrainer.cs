using System.Runtime.InteropServices;
using Arbitrex.MlLayer.Core.Tests.Models.LightGbm.Native;

namespace Arbitrex.MlLayer.LightGbmFixtures;

/// <summary>Trains a model with the native library's C API and saves it as <c>LGBM_BoosterSaveModel</c> writes it.</summary>
internal static class NativeTrainer
{
    public static void TrainAndSave(
        double[] rows, float[] labels, IReadOnlyList<string> featureNames, string parameters, int iterations, string modelPath)
    {
        var columns = featureNames.Count;
        LightGbmNativeMethods.Check(
            LightGbmNativeMethods.LGBM_DatasetCreateFromMat(
                rows, LightGbmNativeMethods.DataTypeFloat64, labels.Length, columns, 1, parameters, IntPtr.Zero, out var dataset),
            "LGBM_DatasetCreateFromMat");
        var booster = IntPtr.Zero;
        var names = featureNames.Select(Marshal.StringToCoTaskMemUTF8).ToArray();
        try
        {
            LightGbmNativeMethods.Check(
                LightGbmNativeMethods.LGBM_DatasetSetField(dataset, "label", labels, labels.Length, LightGbmNativeMethods.DataTypeFloat32),
                "LGBM_DatasetSetField");
            LightGbmNativeMethods.Check(LightGbmNativeMethods.LGBM_DatasetSetFeatureNames(dataset, names, names.Length), "LGBM_DatasetSetFeatureNames");
            LightGbmNativeMethods.Check(LightGbmNativeMethods.LGBM_BoosterCreate(dataset, parameters, out booster), "LGBM_BoosterCreate");
            for (var i = 0; i < iterations; i++)
            {
                LightGbmNativeMethods.Check(LightGbmNativeMethods.LGBM_BoosterUpdateOneIter(booster, out var finished), "LGBM_BoosterUpdateOneIter");
                if (finished != 0)
                {
                    throw new InvalidOperationException($"Training stopped after {i + 1} of {iterations} iterations: no split improves the model.");
                }
            }

            LightGbmNativeMethods.Check(
                LightGbmNativeMethods.LGBM_BoosterSaveModel(booster, 0, -1, LightGbmNativeMethods.FeatureImportanceSplit, modelPath),
                "LGBM_BoosterSaveModel");
        }
        finally
        {
            foreach (var name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }

            if (booster != IntPtr.Zero)
            {
                _ = LightGbmNativeMethods.LGBM_BoosterFree(booster);
            }

            _ = LightGbmNativeMethods.LGBM_DatasetFree(dataset);
        }
    }
}
