namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The content of <c>models/registry_index.json</c>.</summary>
public sealed record RegistryIndex
{
    public const int CurrentFormatVersion = 1;

    // set, not init: the generated JSON reader gives a missing init-only member its type's default, not this
    // initializer (dotnet/runtime#84484).
    public int FormatVersion { get; set; } = CurrentFormatVersion;

    /// <summary>Every registered version, ordered by name then version.</summary>
    public IReadOnlyList<RegistryEntry> Models { get; set; } = [];
}
