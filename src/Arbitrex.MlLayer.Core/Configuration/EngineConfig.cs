namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// The runtime config document: what <c>GET /config</c> returns and <c>PUT /config</c> merges into,
/// and what the <c>MlLayer</c> configuration section holds, with the same snake_case keys.
/// </summary>
public sealed record EngineConfig
{
    public const string SectionName = "MlLayer";

    public RegimeConfig Regime { get; init; } = new();

    public SignalFilterConfig SignalFilter { get; init; } = new();

    public DecisionConfig Decision { get; init; } = new();

    public ModelConfig Model { get; init; } = new();

    public MonitoringConfig Monitoring { get; init; } = new();

    public GovernanceConfig Governance { get; init; } = new();
}
