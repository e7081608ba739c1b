namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Artifact kinds the registry knows.</summary>
public static class ModelKinds
{
    public const string RuleBased = "rule_based";
    public const string XgboostJson = "xgboost_json";
}
