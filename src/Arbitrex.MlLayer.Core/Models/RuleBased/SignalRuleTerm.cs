namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>One feature's term of the logistic score: <c>weight × (value − center) / scale</c>.</summary>
public sealed record SignalRuleTerm
{
    public required double Weight { get; init; }

    public double Center { get; init; }

    // set, not init: the generated JSON reader gives a missing init-only member its type's default, not this
    // initializer (dotnet/runtime#84484).
    public double Scale { get; set; } = 1;
}
