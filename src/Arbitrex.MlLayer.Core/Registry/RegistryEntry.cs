namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>One (model, version) in <c>registry_index.json</c>. Paths are relative to the registry root, with '/'.</summary>
public sealed record RegistryEntry
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required ModelKind Kind { get; init; }

    /// <summary>E.g. <c>signal_filter/v1.1.0_xgboost.json</c>.</summary>
    public required string ArtifactPath { get; init; }

    /// <summary>Lower-case hex SHA-256 of the artifact's bytes.</summary>
    public required string Sha256 { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>E.g. <c>signal_filter/metadata/v1.1.0_metadata.json</c>.</summary>
    public required string MetadataPath { get; init; }
}
