namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The outcome of the last readiness probe of a component, as <c>GET /status</c> shows it.</summary>
public sealed record ReadinessResult(string Status, string Description, DateTimeOffset CheckedAt);
