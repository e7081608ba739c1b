namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>The parameter file of the rule-based signal filter (<c>models/signal_filter/v1.0.0_rule_based.json</c>).</summary>
public sealed record SignalRuleParameters
{
    public required string Kind { get; init; }

    public required string Model { get; init; }

    public required string Version { get; init; }

    // set, not init: the generated JSON reader gives a missing init-only member its type's default, not this
    // initializer (dotnet/runtime#84484).
    public string Description { get; set; } = string.Empty;

    public required double Bias { get; init; }

    public required IReadOnlyDictionary<string, SignalRuleTerm> Terms { get; init; }
}
