namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The row holds at least one NaN; no split treats zero as missing.</summary>
internal readonly struct MissingValues : IMissingValuePolicy
{
    public static bool NaNPossible => true;

    public static bool ZeroAsMissingPossible => false;
}
