using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Worker.Admin;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Configuration;

/// <summary>
/// Applies config changes at run time: merge, validate the whole document, load the models it names,
/// swap the engine snapshot, apply its alert rules, persist the document (so it survives a restart)
/// and log who changed what. These steps are one unit under a lock: a refused or failed change leaves
/// engine, alert rules, file and log as they were, and concurrent changes apply in one order.
/// </summary>
public sealed partial class RuntimeConfigService(
    InferenceEngine engine,
    RuntimeConfigFile file,
    IOptions<MonitoringOptions> monitoring,
    TimeProvider time,
    ILogger<RuntimeConfigService> logger)
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _hostAlertRuleNames = HostAlertRules.Names(monitoring.Value);

    /// <summary>
    /// Raised under the update lock while a change is applied, with the new config, so handlers see
    /// changes in the order they were applied. A handler that throws fails the change: it is rolled
    /// back and the handlers are raised again with the previous config.
    /// </summary>
    public event Action<EngineConfig>? Changed;

    /// <exception cref="InvalidConfigException">Nothing was applied.</exception>
    /// <exception cref="Exception">Any other failure (file, change log, handler); the change was rolled back.</exception>
    public (ConfigChange Change, EngineConfig Config) Update(JsonObject patch, AdminCaller caller)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(caller);
        var result = UpdateLocked(patch, caller);
        if (!engine.Snapshot.ModelVersions.OrderBy(m => m.Key, StringComparer.Ordinal).SequenceEqual(result.Previous.OrderBy(m => m.Key, StringComparer.Ordinal)))
        {
            // A model was loaded: give back what reading it took.
            ModelLoadMemory.Release();
        }

        return (result.Change, result.Config);
    }

    private (ConfigChange Change, EngineConfig Config, IReadOnlyDictionary<string, string> Previous) UpdateLocked(JsonObject patch, AdminCaller caller)
    {
        lock (_lock)
        {
            var previous = engine.Snapshot;
            var merged = EngineConfigJson.Merge(previous.Config, patch);

            // Host rule names are only known here; checked before anything changes, so a clash is a 400, not a half-applied 500.
            EngineConfigValidator.ThrowIfInvalid(merged, _hostAlertRuleNames);
            var previousFile = file.ReadRaw();
            var next = engine.Apply(merged);
            try
            {
                Changed?.Invoke(merged);
                file.Save(next.Config);
                var change = new ConfigChange
                {
                    Timestamp = time.GetUtcNow().UtcDateTime,
                    Action = ConfigChangeActions.ConfigUpdate,
                    ChangedBy = caller.Id,
                    RemoteAddress = caller.RemoteAddress,
                    Before = EngineConfigJson.ToJson(previous.Config),
                    After = EngineConfigJson.ToJson(next.Config),
                    PreviousConfigHash = previous.ConfigHash,
                    ConfigHash = next.ConfigHash,
                    ShadowConfigHash = next.Shadow?.ConfigHash,
                    Patch = patch,
                };
                file.AppendChange(change);
                return (change, merged, previous.ModelVersions);
            }
            catch (Exception ex)
            {
                Log.ChangeRolledBack(logger, ex);
                RollBack(previous.Config, previousFile);
                throw;
            }
        }
    }

    /// <summary>
    /// Records an admin change other than a config update (model register or delete, reset) in the change log,
    /// in order with the config updates, with the config hash in force.
    /// </summary>
    public ConfigChange Record(string action, AdminCaller caller, string? target, JsonNode? before, JsonNode? after)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(caller);
        lock (_lock)
        {
            var hash = engine.ConfigHash;
            var change = new ConfigChange
            {
                Timestamp = time.GetUtcNow().UtcDateTime,
                Action = action,
                ChangedBy = caller.Id,
                RemoteAddress = caller.RemoteAddress,
                Target = target,
                Before = before,
                After = after,
                PreviousConfigHash = hash,
                ConfigHash = hash,
            };
            file.AppendChange(change);
            return change;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> while no change can be applied, with the model versions the engine runs.
    /// A model delete checks them here: between a change loading a version and swapping it in, the running
    /// versions would not show it yet.
    /// </summary>
    public void WithActiveModels(Action<IReadOnlyDictionary<string, string>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_lock)
        {
            action(engine.Snapshot.ModelVersions);
        }
    }

    private void RollBack(EngineConfig previous, string? previousFile)
    {
        // Each step on its own, so one failing still lets the others restore what they can.
        TryRollBack("engine", () => engine.Apply(previous));
        TryRollBack("alert rules", () => Changed?.Invoke(previous));
        TryRollBack("runtime config file", () => file.Restore(previousFile));
    }

    private void TryRollBack(string part, Action undo)
    {
        try
        {
            undo();
        }
        catch (Exception ex)
        {
            Log.RollBackFailed(logger, part, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Config change failed after it was applied; rolling it back")]
        public static partial void ChangeRolledBack(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Critical, Message = "Rolling back a failed config change could not restore the {Part}")]
        public static partial void RollBackFailed(ILogger logger, string part, Exception exception);
    }
}
