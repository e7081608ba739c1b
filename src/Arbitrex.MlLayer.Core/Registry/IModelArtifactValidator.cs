namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>Checks an artifact of one <see cref="ModelKind"/> before the registry indexes it.</summary>
public interface IModelArtifactValidator
{
    ModelKind Kind { get; }

    /// <summary>
    /// Parses the artifact and proves it can serve <paramref name="modelName"/>.
    /// Returns the feature names it reads.
    /// </summary>
    /// <exception cref="InvalidModelException">The artifact cannot serve; the message says why.</exception>
    IReadOnlyList<string> Validate(string modelName, ReadOnlySpan<byte> artifact);
}
