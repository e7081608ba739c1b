using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models.RuleBased;
using Arbitrex.MlLayer.Core.Models.Trees;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>Turns the versions named in the config into loaded models.</summary>
public sealed class ModelLoader(IModelArtifactSource source)
{
    public IModelArtifactSource Source { get; } = source;

    /// <exception cref="InvalidConfigException">The configured version is missing, unreadable or of the wrong kind.</exception>
    public IRegimeModel LoadRegime(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string key = "model.regime_classifier_version";
        var artifact = Resolve(ModelNames.RegimeClassifier, config.Model.RegimeClassifierVersion, key);
        return artifact.Kind switch
        {
            ModelKind.RuleBased => Guard(key, () => RuleBasedRegimeModel.Load(artifact.Content.Span, config.Regime, $"regime_classifier {artifact.Version}")),
            _ => throw new InvalidConfigException([new ConfigError(key, $"regime_classifier {artifact.Version} is a {artifact.Kind} model; only rule_based regime classifiers are served")]),
        };
    }

    /// <exception cref="InvalidConfigException">The configured version is missing, unreadable or of the wrong kind.</exception>
    public ISignalModel LoadSignal(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        const string key = "model.signal_filter_version";
        var artifact = Resolve(ModelNames.SignalFilter, config.Model.SignalFilterVersion, key);
        var wantsTrained = config.SignalFilter.UseMlModel;
        if (wantsTrained != (artifact.Kind != ModelKind.RuleBased))
        {
            throw new InvalidConfigException([new ConfigError(key, wantsTrained
                ? $"signal_filter {artifact.Version} is rule_based; signal_filter.use_ml_model=true needs a trained version"
                : $"signal_filter {artifact.Version} is a trained {ModelKinds.Name(artifact.Kind)} model; set signal_filter.use_ml_model=true to serve it")]);
        }

        return artifact.Kind switch
        {
            ModelKind.RuleBased => Guard(key, () => RuleBasedSignalModel.Load(artifact.Content.Span, config.SignalFilter, $"signal_filter {artifact.Version}")),
            ModelKind.XgboostJson or ModelKind.Lightgbm => Guard(key, () => TreeEnsembleModels.LoadSignal(artifact.Kind, artifact.Content.Span, artifact.Version)),
            _ => throw new InvalidConfigException([new ConfigError(key, $"signal_filter {artifact.Version} has the unsupported kind {artifact.Kind}")]),
        };
    }

    private LoadedArtifact Resolve(string name, string version, string key)
    {
        try
        {
            return Source.Resolve(name, version);
        }
        catch (ModelRegistryException ex)
        {
            throw new InvalidConfigException([new ConfigError(key, ex.Message)]);
        }
    }

    private static T Guard<T>(string key, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidModelException ex)
        {
            throw new InvalidConfigException([new ConfigError(key, ex.Message)]);
        }
    }
}
