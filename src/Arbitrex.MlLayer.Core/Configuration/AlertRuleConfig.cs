namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>A custom alert rule as written in the config document.</summary>
public sealed record AlertRuleConfig
{
    public string Name { get; init; } = string.Empty;

    public string Metric { get; init; } = string.Empty;

    public string Operator { get; init; } = ">";

    public double Threshold { get; init; }

    public double WindowMinutes { get; init; } = 5;

    public string Severity { get; init; } = "warning";
}
