namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>POST /metrics/export</c>.</summary>
public sealed record ExportResponse(string Path);
