using System.Collections.Concurrent;
using System.Text.Json;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>
/// The baseline of the active signal filter, read from its registry metadata once per version and cached (a
/// metadata file holds a thousand values per feature). A version whose metadata is missing or unreadable has none.
/// </summary>
public sealed class RegistryDriftBaselines(ModelRegistry registry, InferenceEngine engine) : IDriftBaselineSource
{
    private readonly ConcurrentDictionary<(string Model, string Version), DriftBaseline?> _cache = new();

    public ActiveBaseline Active()
    {
        var model = ModelNames.SignalFilter;
        var version = engine.Snapshot.ModelVersions.TryGetValue(model, out var running) ? running : "none";
        return new ActiveBaseline(model, version, _cache.GetOrAdd((model, version), Load));
    }

    public void Forget(string model, string version) => _cache.TryRemove((model, version), out _);

    private DriftBaseline? Load((string Model, string Version) key)
    {
        try
        {
            return DriftBaseline.From(registry.LoadMetadata(key.Model, key.Version));
        }
        catch (Exception ex) when (ex is ModelRegistryException or JsonException)
        {
            return null;
        }
    }
}
