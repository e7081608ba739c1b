using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>The bytes of one model version's artifact, and what kind of model they hold.</summary>
public sealed record LoadedArtifact(string Name, string Version, ModelKind Kind, ReadOnlyMemory<byte> Content);
