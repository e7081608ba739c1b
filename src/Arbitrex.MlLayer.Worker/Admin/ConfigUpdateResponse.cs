using System.Text.Json.Nodes;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>Answer of <c>PUT /config</c>.</summary>
/// <param name="ShadowConfigHash">The hash the shadow decisions carry from now on; null without a shadow model.</param>
public sealed record ConfigUpdateResponse(string ConfigHash, string PreviousConfigHash, JsonObject Config, string? ShadowConfigHash = null);
