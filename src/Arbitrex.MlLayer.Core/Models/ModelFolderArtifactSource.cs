using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>
/// Reads artifacts by the registry's file naming (<c>{root}/{name}/{version}_rule_based.json</c>,
/// <c>{root}/{name}/{version}_xgboost.json</c>,
/// <c>{root}/{name}/{version}_lightgbm.txt</c>) without the index or its hashes: for programs that
/// use the Core library directly with the shipped rule-based models. The worker uses
/// <see cref="RegistryArtifactSource"/>.
/// </summary>
public sealed class ModelFolderArtifactSource(string root) : IModelArtifactSource
{
    public LoadedArtifact Resolve(string name, string version)
    {
        foreach (var kind in Enum.GetValues<ModelKind>())
        {
            var path = Path.Combine(root, ModelRegistry.ArtifactPathFor(name, version, kind));
            if (File.Exists(path))
            {
                return new LoadedArtifact(name, version, kind, File.ReadAllBytes(path));
            }
        }

        throw new ModelNotFoundException($"Model {name} {version} not found under '{root}'.");
    }
}
