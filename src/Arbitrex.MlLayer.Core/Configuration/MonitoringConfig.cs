namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// Monitor settings of the runtime config document. They do not change decisions, so they are
/// outside the config hash. The five seed alert rules are always on unless the host option
/// <c>Monitoring:DefaultAlertRulesEnabled</c> is false; these are the custom ones.
/// </summary>
public sealed record MonitoringConfig
{
    /// <summary>Custom alert rules; a <c>PUT /config</c> replaces the whole list and applies it at once.</summary>
    public IReadOnlyList<AlertRuleConfig> AlertRules { get; init; } = [];

    /// <summary>Decisions kept for <c>GET /metrics/decisions</c>; read at start-up (a change applies at the next restart).</summary>
    public int HistorySize { get; init; } = 10_000;
}
