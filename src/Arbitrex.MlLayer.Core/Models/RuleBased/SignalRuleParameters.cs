namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>The parameter file of the rule-based signal filter (<c>models/signal_filter/v1.0.0_rule_based.json</c>).</summary>
public sealed record SignalRuleParameters
{
    public required string Kind { get; init; }

    public required string Model { get; init; }

    public required string Version { get; init; }

    public string Description { get; init; } = string.Empty;

    public required double Bias { get; init; }

    public required IReadOnlyDictionary<string, SignalRuleTerm> Terms { get; init; }
}
