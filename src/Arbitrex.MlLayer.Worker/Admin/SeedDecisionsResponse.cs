namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /metrics/decisions?view=seed</c>: newest first, in the seed's flat shape.</summary>
public sealed record SeedDecisionsResponse(int Count, IReadOnlyList<SeedDecisionRecord> Decisions);
