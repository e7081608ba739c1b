namespace Arbitrex.MlLayer.Core.Models.Xgboost;

/// <summary>Lets the JIT compile the tree walk twice: with the missing-value select, and without it for rows that have none.</summary>
internal interface IMissingValuePolicy
{
    static abstract bool Possible { get; }
}
