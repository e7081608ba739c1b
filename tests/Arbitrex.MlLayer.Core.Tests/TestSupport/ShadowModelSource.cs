using System.Text;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Registry;

namespace Arbitrex.MlLayer.Core.Tests.TestSupport;

/// <summary>
/// The shipped models plus challengers for shadow tests: signal filters that are stumps on <c>hurst_exponent</c>
/// (p = σ(±1.5) below / at or above the threshold) and a rule-based regime classifier with a stricter efficiency threshold.
/// </summary>
internal sealed class ShadowModelSource : IModelArtifactSource
{
    /// <summary>Stump at 0.505: a bar with hurst_exponent ≥ 0.505 gets p = σ(1.5).</summary>
    public const string LiveStump = "v2.0.0";

    /// <summary>Stump at 0.605.</summary>
    public const string ShadowStump = "v2.1.0";

    public const double LiveStumpThreshold = 0.505;
    public const double ShadowStumpThreshold = 0.605;

    /// <summary>The shipped rule-based regime classifier with trending_efficiency_ratio 0.6 instead of 0.5.</summary>
    public const string StricterRegime = "v1.1.0_rule_based";

    /// <summary>A regime_classifier version holding a tree model: a kind regime classifiers are not served as.</summary>
    public const string TreeRegime = "v3.0.0";

    public const string Hurst = "hurst_exponent";

    private readonly ModelFolderArtifactSource _shipped = new(RepoPaths.Models);

    public static InferenceEngine Engine(string patch = "{}", TimeProvider? time = null) =>
        new(Config(patch), new ModelLoader(new ShadowModelSource()), time);

    /// <summary>The live signal filter is the <see cref="LiveStump"/>, then <paramref name="patch"/> is merged.</summary>
    public static EngineConfig Config(string patch = "{}") =>
        EngineConfigJson.Merge(
            EngineConfigJson.Merge(new EngineConfig(), $$$"""{"signal_filter":{"use_ml_model":true},"model":{"signal_filter_version":"{{{LiveStump}}}"}}"""),
            patch);

    public LoadedArtifact Resolve(string name, string version) => (name, version) switch
    {
        (ModelNames.SignalFilter, LiveStump) => new(name, version, ModelKind.XgboostJson, XgboostStump.Model(Hurst, (float)LiveStumpThreshold, -1.5f, 1.5f)),
        (ModelNames.SignalFilter, ShadowStump) => new(name, version, ModelKind.XgboostJson, XgboostStump.Model(Hurst, (float)ShadowStumpThreshold, -1.5f, 1.5f)),
        (ModelNames.RegimeClassifier, StricterRegime) => new(name, version, ModelKind.RuleBased, StricterRegimeBytes()),
        (ModelNames.RegimeClassifier, TreeRegime) => new(name, version, ModelKind.XgboostJson, XgboostStump.Model(Hurst, 0.5f, -1, 1)),
        _ => _shipped.Resolve(name, version),
    };

    private byte[] StricterRegimeBytes()
    {
        var shipped = JsonNode.Parse(_shipped.Resolve(ModelNames.RegimeClassifier, LegacyModelVersions.RuleBased).Content.Span)!.AsObject();
        shipped["version"] = StricterRegime;
        shipped["trending_efficiency_ratio"] = 0.6;
        return Encoding.UTF8.GetBytes(shipped.ToJsonString());
    }
}
