namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /health</c> (liveness).</summary>
public sealed record HealthResponse(string Status, string ConfigHash, double UptimeSeconds);
