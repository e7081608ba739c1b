using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Worker.Shadow;

/// <summary>The shadow versions in force, as the registry must respect them.</summary>
public static class ShadowVersions
{
    /// <summary>
    /// Refuses to delete a version the shadow decides with: the persisted config would then name a missing model and
    /// the next start would be refused. Call it while no config change can apply.
    /// </summary>
    /// <exception cref="ModelConflictException"><paramref name="name"/> <paramref name="version"/> is a shadow model in force.</exception>
    public static void ThrowIfShadow(EngineSnapshot snapshot, string name, string version)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var model = snapshot.Config.Model;
        var (shadow, key) = name switch
        {
            ModelNames.SignalFilter => (model.ShadowSignalFilterVersion, "model.shadow_signal_filter_version"),
            ModelNames.RegimeClassifier => (model.ShadowRegimeClassifierVersion, "model.shadow_regime_classifier_version"),
            _ => (null, string.Empty),
        };
        if (shadow is not null && (shadow == version || snapshot.Shadow?.ModelVersions.GetValueOrDefault(name) == version))
        {
            throw new ModelConflictException($"{name} {version} is the shadow version ({key}); clear or change it with PUT /config before deleting it.");
        }
    }
}
