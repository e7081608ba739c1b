using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Builds the shadow snapshot of a live one: the same config with <c>model.shadow_*_version</c> in place of the live
/// versions, loaded by the same rules. A shadow signal filter is served as the kind its artifact is, so a trained
/// challenger can shadow a rule-based live filter; every other setting is the live one's.
/// </summary>
internal static class ShadowModels
{
    private const string RegimeKey = "model.shadow_regime_classifier_version";
    private const string SignalKey = "model.shadow_signal_filter_version";

    /// <exception cref="InvalidConfigException">A shadow version is missing, unreadable or of the wrong kind; named by its shadow key.</exception>
    public static EngineSnapshot? Build(EngineSnapshot live, ModelLoader loader)
    {
        var model = live.Config.Model;
        if (model.ShadowRegimeClassifierVersion is null && model.ShadowSignalFilterVersion is null)
        {
            return null;
        }

        var config = live.Config with
        {
            Model = new ModelConfig
            {
                RegimeClassifierVersion = model.ShadowRegimeClassifierVersion ?? model.RegimeClassifierVersion,
                SignalFilterVersion = model.ShadowSignalFilterVersion ?? model.SignalFilterVersion,
            },
        };
        config = LegacyModelVersions.Migrate(config, loader.Source);
        if (model.ShadowSignalFilterVersion is not null)
        {
            var kind = Resolve(loader, ModelNames.SignalFilter, config.Model.SignalFilterVersion, SignalKey).Kind;
            config = config with { SignalFilter = config.SignalFilter with { UseMlModel = kind != ModelKind.RuleBased } };
        }

        var regime = model.ShadowRegimeClassifierVersion is null ? live.Regime : Load(RegimeKey, () => loader.LoadRegime(config));
        var signal = model.ShadowSignalFilterVersion is null ? live.Signal : Load(SignalKey, () => loader.LoadSignal(config));
        return EngineSnapshot.Create(config, regime, signal);
    }

    private static LoadedArtifact Resolve(ModelLoader loader, string name, string version, string key)
    {
        try
        {
            return loader.Source.Resolve(name, version);
        }
        catch (ModelRegistryException ex)
        {
            throw new InvalidConfigException([new ConfigError(key, ex.Message)]);
        }
    }

    /// <summary>The loader names the live key; a refusal of the shadow model names the shadow key.</summary>
    private static T Load<T>(string key, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidConfigException ex)
        {
            throw new InvalidConfigException([.. ex.Errors.Select(e => e with { Key = key })]);
        }
    }
}
