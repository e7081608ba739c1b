namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>One feature's term of the logistic score: <c>weight × (value − center) / scale</c>.</summary>
public sealed record SignalRuleTerm
{
    public required double Weight { get; init; }

    public double Center { get; init; }

    public double Scale { get; init; } = 1;
}
