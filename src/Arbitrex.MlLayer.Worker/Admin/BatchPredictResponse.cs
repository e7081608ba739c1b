using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>POST /batch_predict</c>: the predictions that succeeded, in request order, and the errors by index.</summary>
public sealed record BatchPredictResponse(IReadOnlyList<MlDecision> Predictions, IReadOnlyList<BatchPredictError> Errors);
