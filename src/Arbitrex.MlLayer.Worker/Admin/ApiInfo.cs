namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /</c>.</summary>
public sealed record ApiInfo(string Service, string Version, string Docs, IReadOnlyDictionary<string, string> Links);
