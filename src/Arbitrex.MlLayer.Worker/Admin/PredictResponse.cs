using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>POST /predict</c>: <c>{"prediction": MlDecision}</c>.</summary>
public sealed record PredictResponse(MlDecision Prediction);
