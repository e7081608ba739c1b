using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>
/// Applies config changes at run time: merge, validate the whole document, load the models it names,
/// swap the engine snapshot, persist the document (so it survives a restart) and log who changed what.
/// A refused change leaves engine, file and log untouched.
/// </summary>
public sealed class RuntimeConfigService(InferenceEngine engine, RuntimeConfigFile file, TimeProvider time)
{
    private readonly Lock _lock = new();

    /// <summary>Raised after a change is applied, with the new config.</summary>
    public event Action<EngineConfig>? Changed;

    /// <exception cref="InvalidConfigException">Nothing was applied.</exception>
    public (ConfigChange Change, EngineConfig Config) Update(JsonObject patch, string changedBy)
    {
        ArgumentNullException.ThrowIfNull(patch);
        EngineConfig config;
        ConfigChange change;
        lock (_lock)
        {
            var previous = engine.Snapshot;
            var merged = EngineConfigJson.Merge(previous.Config, patch);
            var next = engine.Apply(merged);
            try
            {
                file.Save(merged);
            }
            catch (IOException)
            {
                engine.Apply(previous.Config);
                throw;
            }

            change = new ConfigChange(time.GetUtcNow().UtcDateTime, changedBy, previous.ConfigHash, next.ConfigHash, patch);
            file.AppendChange(change);
            config = merged;
        }

        Changed?.Invoke(config);
        return (change, config);
    }
}
