namespace Arbitrex.MlLayer.Core.Models;

/// <summary>
/// Finds artifacts by the registry's file naming (<c>{root}/{name}/{version}_rule_based.json</c>,
/// <c>{root}/{name}/{version}_xgboost.json</c>) without an index: for programs that use the Core
/// library directly with the shipped rule-based models.
/// </summary>
public sealed class ModelFolderArtifactSource(string root) : IModelArtifactSource
{
    public ModelArtifact Resolve(string name, string version)
    {
        var ruleBased = Path.Combine(root, name, $"{version}_rule_based.json");
        if (File.Exists(ruleBased))
        {
            return new ModelArtifact(name, version, ModelKinds.RuleBased, ruleBased);
        }

        var xgboost = Path.Combine(root, name, $"{version}_xgboost.json");
        if (File.Exists(xgboost))
        {
            return new ModelArtifact(name, version, ModelKinds.XgboostJson, xgboost);
        }

        throw new ModelNotFoundException($"Model {name} {version} not found under '{root}'.");
    }
}
