namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>
/// Lets the JIT compile the tree walk once per kind of row: without any missing-value handling, with the
/// NaN select only, or with the NaN select and LightGBM's zero-as-missing override.
/// </summary>
internal interface IMissingValuePolicy
{
    static abstract bool NaNPossible { get; }

    static abstract bool ZeroAsMissingPossible { get; }
}
