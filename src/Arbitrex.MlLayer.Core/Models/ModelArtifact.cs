namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Where a model version's artifact is and what kind it is.</summary>
public sealed record ModelArtifact(string Name, string Version, string Kind, string Path);
