using System.Text.Json;
using Arbitrex.MlLayer.Core.IO;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Core.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Rewrites the metadata of a registered version with <paramref name="update"/>, under the registry lock (so two
    /// updates do not lose each other's fields). The artifact and the index are untouched: the index hashes only the artifact.
    /// </summary>
    /// <returns>The metadata as written.</returns>
    /// <exception cref="ModelNotFoundException">The version is not registered.</exception>
    /// <exception cref="ModelIntegrityException">The metadata file is missing or unreadable.</exception>
    /// <exception cref="ModelRegistryBusyException">Another write held the lock too long.</exception>
    public async Task<ModelMetadata> UpdateMetadataAsync(string name, string version, Func<ModelMetadata, ModelMetadata> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        using (await RegistryLock.AcquireAsync(Root, _lockTimeout, cancellationToken).ConfigureAwait(false))
        {
            var entry = Get(name, version);
            var updated = update(ReadMetadata(entry));
            AtomicFile.Write(FullPath(entry.MetadataPath), JsonSerializer.SerializeToUtf8Bytes(updated, RegistryJson.Options.TypeInfo<ModelMetadata>()));
            return updated;
        }
    }
}
