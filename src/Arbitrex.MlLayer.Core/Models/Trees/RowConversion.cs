namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>How a row's values are prepared before the trees compare them, as the library that trained the model does.</summary>
internal enum RowConversion
{
    /// <summary>xgboost: every value is rounded to single precision.</summary>
    ToSingle,

    /// <summary>LightGBM's C API: a value within ±1e-35 (kZeroThreshold) is stored as 0.</summary>
    ZeroWithinZeroThreshold,
}
