namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>The active version of each model in the registry.</summary>
public sealed record ModelConfig
{
    public string RegimeClassifierVersion { get; init; } = "v1.0.0_rule_based";

    public string SignalFilterVersion { get; init; } = "v1.0.0_rule_based";
}
