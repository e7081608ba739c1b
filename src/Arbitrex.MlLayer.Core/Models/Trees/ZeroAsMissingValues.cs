namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>Some split sends zero (and NaN) its default way (LightGBM's missing type Zero).</summary>
internal readonly struct ZeroAsMissingValues : IMissingValuePolicy
{
    public static bool NaNPossible => true;

    public static bool ZeroAsMissingPossible => true;
}
