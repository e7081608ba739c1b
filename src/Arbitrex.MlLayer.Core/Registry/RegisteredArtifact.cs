namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>An artifact read from the registry whose SHA-256 matched the index.</summary>
public sealed record RegisteredArtifact
{
    public required RegistryEntry Entry { get; init; }

    public required ReadOnlyMemory<byte> Content { get; init; }
}
