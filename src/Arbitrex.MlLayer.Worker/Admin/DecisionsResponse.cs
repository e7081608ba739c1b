using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /metrics/decisions</c>: newest first.</summary>
public sealed record DecisionsResponse(int Count, IReadOnlyList<MlDecision> Decisions);
