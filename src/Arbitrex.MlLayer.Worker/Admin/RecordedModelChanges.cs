using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Worker.Admin.Errors;
using Arbitrex.MlLayer.Worker.Configuration;
using Arbitrex.MlLayer.Worker.Hosting;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Model register and delete with their change-log entry as one unit: a change the log (<c>config_changes.jsonl</c>)
/// cannot record is not made, so the log never misses a change in force. A registration is undone when its entry
/// cannot be written; a delete is recorded first and made only then. Either refusal is a 503 naming the reason.
/// </summary>
internal static class RecordedModelChanges
{
    private static readonly JsonTypeInfo<RegistryEntry> EntryJson = RegistryJson.Options.TypeInfo<RegistryEntry>();

    /// <summary>Records <paramref name="entry"/>, just registered, or undoes the registration and refuses.</summary>
    /// <exception cref="RecordNotWrittenException">The change log refused the entry; the registration was undone.</exception>
    public static async Task RecordRegistrationAsync(ModelRegistry registry, RuntimeConfigService configs, AdminCaller caller, RegistryEntry entry)
    {
        try
        {
            configs.Record(ConfigChangeActions.ModelRegister, caller, $"{entry.Name}/{entry.Version}", before: null, JsonSerializer.SerializeToNode(entry, EntryJson));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not active yet (only PUT /config activates), so nothing runs it: deleting it restores the registry. Not
            // cancelled with the request: the registration must not stay behind unrecorded.
            await registry.DeleteAsync(entry.Name, entry.Version, static (_, remove) => remove(), CancellationToken.None);
            throw new RecordNotWrittenException(
                $"{entry.Name} {entry.Version} was not registered: the change log could not record it (the config folder refused the write). Retry once the folder takes writes.",
                ex);
        }

        // The registry read and checked the whole artifact: give that memory back.
        ModelLoadMemory.Release();
    }

    /// <summary>
    /// Deletes a version that is not active, recording the change first. The registry lock is taken (awaited) before the
    /// configuration's, and the checks, the record and the removal all run while no configuration change applies.
    /// </summary>
    /// <param name="refuse">A further check of the version against the configuration in force (throws to refuse).</param>
    /// <exception cref="ModelNotFoundException">No such version.</exception>
    /// <exception cref="ModelConflictException">The version is active.</exception>
    /// <exception cref="RecordNotWrittenException">The change log refused the entry; nothing was deleted.</exception>
    public static Task<RegistryEntry> DeleteAsync(
        ModelRegistry registry, RuntimeConfigService configs, AdminCaller caller, string name, string version, Action refuse, CancellationToken cancellationToken) =>
        registry.DeleteAsync(name, version, (deleted, remove) => configs.WithActiveModels(active =>
        {
            refuse();
            if (active.TryGetValue(name, out var running) && running == version)
            {
                throw ModelRegistry.ActiveVersionConflict(name, version);
            }

            var entry = JsonSerializer.SerializeToNode(deleted, EntryJson);
            var target = $"{name}/{version}";
            try
            {
                configs.Record(ConfigChangeActions.ModelDelete, caller, target, entry, after: null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RecordNotWrittenException(
                    $"{name} {version} was not deleted: the change log could not record it (the config folder refused the write). Retry once the folder takes writes.",
                    ex);
            }

            try
            {
                remove();
            }
            catch
            {
                // The entry above is already in the chained log: say that it did not happen after all.
                configs.Record(ConfigChangeActions.ModelDeleteFailed, caller, target, before: null, entry?.DeepClone());
                throw;
            }
        }), cancellationToken);
}
