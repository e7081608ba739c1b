using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>GET /alerts</c>: firing and pending alerts, the rules in force and recent history.</summary>
public sealed record AlertsResponse(
    int ActiveCount,
    IReadOnlyList<Alert> Active,
    IReadOnlyList<Alert> Pending,
    IReadOnlyList<AlertRule> Rules,
    IReadOnlyList<Alert> History);
