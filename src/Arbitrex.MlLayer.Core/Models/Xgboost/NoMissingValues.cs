namespace Arbitrex.MlLayer.Core.Models.Xgboost;

internal readonly struct NoMissingValues : IMissingValuePolicy
{
    public static bool Possible => false;
}
