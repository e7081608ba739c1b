namespace Arbitrex.MlLayer.Core.Models.Trees;

/// <summary>The row holds no NaN and no split treats zero as missing: a plain comparison per node.</summary>
internal readonly struct NoMissingValues : IMissingValuePolicy
{
    public static bool NaNPossible => false;

    public static bool ZeroAsMissingPossible => false;
}
