namespace Arbitrex.MlLayer.LightGbmFixtures;

/// <summary>Which edge values a fixture's reference rows are seeded with, beyond what training saw.</summary>
internal enum RowQuirks
{
    None,

    /// <summary>Exact split thresholds of the trained model, exact zeros, -0, and values at and around LightGBM's kZeroThreshold (1e-35f).</summary>
    ZerosAndThresholds,
}
