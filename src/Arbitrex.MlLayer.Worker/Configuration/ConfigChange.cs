using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>
/// One accepted admin change, as written (hash-chained) to <c>config_changes.jsonl</c>:
/// <c>{"sequence", "timestamp", "action", "changed_by", "remote_address", "target", "before", "after",
/// "previous_config_hash", "config_hash", ["shadow_config_hash",] "patch", "prev_hash", "hash"}</c>.
/// </summary>
public sealed record ConfigChange
{
    public required DateTime Timestamp { get; init; }

    /// <summary>One of <see cref="ConfigChangeActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The caller: <c>key:&lt;first 8 hex of SHA-256 of the API key&gt;</c>, or <c>loopback</c> when no key is configured.</summary>
    public required string ChangedBy { get; init; }

    public required string RemoteAddress { get; init; }

    /// <summary>What was changed, e.g. <c>signal_filter/v2.0.0</c>; null for the config document and a reset.</summary>
    public string? Target { get; init; }

    /// <summary>The state the change replaced (null when it created something).</summary>
    public JsonNode? Before { get; init; }

    /// <summary>The state it left (null when it removed something).</summary>
    public JsonNode? After { get; init; }

    public required string PreviousConfigHash { get; init; }

    public required string ConfigHash { get; init; }

    /// <summary>The shadow config hash in force after the change (see <c>model.shadow_*_version</c>); left out while there is no shadow.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ShadowConfigHash { get; init; }

    /// <summary>The partial document a <c>PUT /config</c> merged; null for other actions.</summary>
    public JsonObject? Patch { get; init; }
}
