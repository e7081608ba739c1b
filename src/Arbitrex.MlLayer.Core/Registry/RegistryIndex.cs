namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The content of <c>models/registry_index.json</c>.</summary>
public sealed record RegistryIndex
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Every registered version, ordered by name then version.</summary>
    public IReadOnlyList<RegistryEntry> Models { get; init; } = [];
}
