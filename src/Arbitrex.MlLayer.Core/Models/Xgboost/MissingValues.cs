namespace Arbitrex.MlLayer.Core.Models.Xgboost;

internal readonly struct MissingValues : IMissingValuePolicy
{
    public static bool Possible => true;
}
