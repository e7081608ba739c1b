using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Artifacts from the model registry, each checked against its indexed SHA-256 before use.</summary>
public sealed class RegistryArtifactSource(ModelRegistry registry) : IModelArtifactSource
{
    public LoadedArtifact Resolve(string name, string version)
    {
        var artifact = registry.LoadArtifact(name, version);
        return new LoadedArtifact(name, version, artifact.Entry.Kind, artifact.Content);
    }
}
