namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Why item <see cref="Index"/> of a batch produced no prediction.</summary>
public sealed record BatchPredictError(int Index, string Field, string Detail);
