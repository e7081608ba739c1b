namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>POST /reset</c>.</summary>
public sealed record ResetResponse(string Status, string Detail);
