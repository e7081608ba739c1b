namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Finds the artifact of a model version (the registry, or a folder laid out like it).</summary>
public interface IModelArtifactSource
{
    /// <exception cref="Registry.ModelNotFoundException">No such model version.</exception>
    /// <exception cref="Registry.ModelRegistryException">The artifact cannot be served (e.g. it was tampered with).</exception>
    LoadedArtifact Resolve(string name, string version);
}
