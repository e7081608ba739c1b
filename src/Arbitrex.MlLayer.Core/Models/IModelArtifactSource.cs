namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Finds the artifact of a model version (the registry, or a folder laid out like it).</summary>
public interface IModelArtifactSource
{
    /// <exception cref="ModelNotFoundException">No such model version.</exception>
    ModelArtifact Resolve(string name, string version);
}
