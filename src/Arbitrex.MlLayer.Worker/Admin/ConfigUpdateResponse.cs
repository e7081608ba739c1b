using System.Text.Json.Nodes;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>PUT /config</c>.</summary>
public sealed record ConfigUpdateResponse(string ConfigHash, string PreviousConfigHash, JsonObject Config);
