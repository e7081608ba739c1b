using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Models;

/// <summary>
/// The shipped rule-based models are named <c>v1.0.0_rule_based</c> (the seed's registry drawing), which leaves
/// <c>v1.0.0</c> free for a user's first trained model, as the seed's quick start registers it. Configs written
/// when the rule-based versions were called <c>v1.0.0</c> still name that version; while no model of that
/// version is registered, it means the shipped rule-based one.
/// </summary>
public static class LegacyModelVersions
{
    public const string Legacy = "v1.0.0";

    public const string RuleBased = "v1.0.0_rule_based";

    /// <summary>The config with each legacy version that names nothing in <paramref name="source"/> replaced by the rule-based one.</summary>
    public static EngineConfig Migrate(EngineConfig config, IModelArtifactSource source)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(source);
        var regime = Resolve(source, ModelNames.RegimeClassifier, config.Model.RegimeClassifierVersion);
        var signal = Resolve(source, ModelNames.SignalFilter, config.Model.SignalFilterVersion);
        return regime == config.Model.RegimeClassifierVersion && signal == config.Model.SignalFilterVersion
            ? config
            : config with { Model = config.Model with { RegimeClassifierVersion = regime, SignalFilterVersion = signal } };
    }

    private static string Resolve(IModelArtifactSource source, string name, string version)
    {
        if (version != Legacy || TryResolve(source, name, RuleBased) is not { } ruleBased)
        {
            return version;
        }

        // A folder of artifacts without an index finds the rule-based file under either name: the same bytes mean
        // the legacy name of the shipped model, not a model of its own.
        var legacy = TryResolve(source, name, Legacy);
        return legacy is null || legacy.Content.Span.SequenceEqual(ruleBased.Content.Span) ? RuleBased : version;
    }

    private static LoadedArtifact? TryResolve(IModelArtifactSource source, string name, string version)
    {
        try
        {
            return source.Resolve(name, version);
        }
        catch (ModelNotFoundException)
        {
            return null;
        }
    }
}
