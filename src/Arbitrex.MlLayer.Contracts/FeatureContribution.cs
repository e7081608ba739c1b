namespace Arbitrex.MlLayer.Contracts;

/// <summary>
/// How much one feature pushed this prediction: its signed contribution to the log-odds of success
/// (weight × value for the rule-based filter, the TreeSHAP value for a trained one).
/// </summary>
public sealed record FeatureContribution
{
    public required string Name { get; init; }

    public required double Importance { get; init; }
}
