using System.Text.Json.Nodes;

namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>One accepted <c>PUT /config</c>, as written to <c>config_changes.jsonl</c>.</summary>
public sealed record ConfigChange(DateTime Timestamp, string ChangedBy, string PreviousConfigHash, string ConfigHash, JsonObject Patch);
