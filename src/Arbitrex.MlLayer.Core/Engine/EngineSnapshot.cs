using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Everything one prediction needs, immutable: the config, the loaded models and the config hash.
/// The engine swaps whole snapshots, so no prediction ever sees half a config.
/// </summary>
public sealed class EngineSnapshot
{
    private EngineSnapshot(EngineConfig config, IRegimeModel regime, ISignalModel signal)
    {
        Config = config;
        Regime = regime;
        Signal = signal;
        AllowedRegimes = config.Decision.AllowedRegimes.Select(l => MarketRegimes.TryParse(l, out var r) ? r : throw new InvalidConfigException([new ConfigError("decision.allowed_regimes", $"'{l}' is not a regime")])).ToHashSet();
        RequiredFeatureIndexes = [.. regime.Features.Union(signal.Features).Select(f => CanonicalFeatures.IndexOf(f) is >= 0 and var i ? i : throw new InvalidModelException($"'{f}' is not one of the 16 canonical features.")).Order()];
        // In name order, as the sorted dictionary this was before; every decision's audit line, answer and
        // history slot enumerate it, and an OrderedDictionary does that without allocating.
        ModelVersions = new OrderedDictionary<string, string>(
            new Dictionary<string, string>
            {
                [ModelNames.RegimeClassifier] = regime.Version,
                [ModelNames.SignalFilter] = signal.Version,
            }.OrderBy(p => p.Key, StringComparer.Ordinal));
        PassedReason = new PassedReasonFormat(config.Decision);
        EffectiveDocument = BuildEffectiveDocument(config, regime, signal);
        ConfigHash = CanonicalJson.ShortHash(EffectiveDocument);
    }

    public EngineConfig Config { get; }

    public IRegimeModel Regime { get; }

    public ISignalModel Signal { get; }

    public IReadOnlySet<MarketRegime> AllowedRegimes { get; }

    /// <summary>Canonical indexes of every feature the active models read.</summary>
    public IReadOnlyList<int> RequiredFeatureIndexes { get; }

    /// <summary>Shared by every decision made with this snapshot (read-only).</summary>
    public IReadOnlyDictionary<string, string> ModelVersions { get; }

    internal PassedReasonFormat PassedReason { get; }

    /// <summary>The behaviour-relevant config with every model default resolved: what the hash covers.</summary>
    public JsonObject EffectiveDocument { get; }

    public string ConfigHash { get; }

    /// <summary>
    /// The snapshot the shadow models decide with: this config with the shadow versions in place of the live ones;
    /// null when no shadow is configured. Its <see cref="ConfigHash"/> is the shadow config hash.
    /// </summary>
    public EngineSnapshot? Shadow { get; private set; }

    /// <summary>True when the shadow has a regime classifier of its own (it then keeps its own smoothing state).</summary>
    public bool ShadowsRegime => Config.Model.ShadowRegimeClassifierVersion is not null;

    /// <exception cref="InvalidConfigException">Invalid config, or a live or shadow model that cannot be served.</exception>
    public static EngineSnapshot Build(EngineConfig config, ModelLoader loader)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loader);
        EngineConfigValidator.ThrowIfInvalid(config);
        config = LegacyModelVersions.Migrate(config, loader.Source);
        var snapshot = new EngineSnapshot(config, loader.LoadRegime(config), loader.LoadSignal(config));
        snapshot.Shadow = ShadowModels.Build(snapshot, loader);
        return snapshot;
    }

    /// <summary>A snapshot of already loaded models, for the shadow path.</summary>
    internal static EngineSnapshot Create(EngineConfig config, IRegimeModel regime, ISignalModel signal) => new(config, regime, signal);

    private static JsonObject BuildEffectiveDocument(EngineConfig config, IRegimeModel regime, ISignalModel signal)
    {
        var document = EngineConfigJson.ToJson(config);

        // Monitoring and governance do not change decisions, so they do not change the hash; nor do the shadow
        // models, which decide nothing live (the shadow snapshot's own hash covers them).
        document.Remove("monitoring");
        document.Remove("governance");
        var modelSection = document["model"]!.AsObject();
        modelSection.Remove("shadow_regime_classifier_version");
        modelSection.Remove("shadow_signal_filter_version");
        var signalSection = document["signal_filter"]!.AsObject();
        signalSection.Remove("rule_weights");

        // Added after configs were already hashed: at its default it leaves every earlier hash as it was.
        if (config.SignalFilter.ExplainTopFeatures)
        {
            signalSection.Remove("explain_top_features");
        }

        var regimeSection = document["regime"]!.AsObject();
        regimeSection.Remove("stressed_volatility_percentile");
        regimeSection.Remove("trending_efficiency_ratio");
        regimeSection.Remove("trending_momentum");
        regimeSection["model"] = regime.Describe();
        signalSection["model"] = signal.Describe();
        document["decision"]!["allowed_regimes"] = new JsonArray([.. config.Decision.AllowedRegimes.Distinct().Order(StringComparer.Ordinal).Select(l => (JsonNode)l)]);
        return document;
    }

}
