namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>Monitor settings that belong to the runtime config document (not to the engine's behaviour).</summary>
public sealed record MonitoringConfig
{
    public bool DefaultAlertRules { get; init; } = true;

    public IReadOnlyList<AlertRuleConfig> AlertRules { get; init; } = [];

    public int HistorySize { get; init; } = 10_000;
}
