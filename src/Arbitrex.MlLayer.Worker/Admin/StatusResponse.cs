namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /status</c>.</summary>
public sealed record StatusResponse(
    string Service,
    string Version,
    DateTime StartedAt,
    double UptimeSeconds,
    string ConfigHash,
    IReadOnlyDictionary<string, string> ModelVersions,
    bool UseMlModel,
    int SmoothingKeys,
    IReadOnlyDictionary<string, object?> Components);
