namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>The parameter file of the rule-based regime classifier (<c>models/regime_classifier/v1.0.0_rule_based.json</c>).</summary>
public sealed record RegimeRuleParameters
{
    public required string Kind { get; init; }

    public required string Model { get; init; }

    public required string Version { get; init; }

    // set, not init: the generated JSON reader gives a missing init-only member its type's default, not this
    // initializer (dotnet/runtime#84484).
    public string Description { get; set; } = string.Empty;

    public required double StressedVolatilityPercentile { get; init; }

    public required double TrendingEfficiencyRatio { get; init; }

    public required double TrendingMomentum { get; init; }

    /// <summary>Slope of the logistic curves that turn distances from the thresholds into probabilities.</summary>
    public required double Sharpness { get; init; }
}
