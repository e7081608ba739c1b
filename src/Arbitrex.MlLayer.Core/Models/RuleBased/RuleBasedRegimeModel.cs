using System.Globalization;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Models.RuleBased;

/// <summary>
/// STRESSED when the volatility percentile is extreme, TRENDING when efficiency and |momentum| are
/// both strong, else RANGING. Probabilities come from logistic curves around the same thresholds:
/// P(STRESSED) = σ(k·(vp − T<sub>s</sub>)), and the rest is split between TRENDING and RANGING by
/// σ(k·min(er − T<sub>er</sub>, |m| − T<sub>m</sub>)), so they always sum to 1.
/// </summary>
public sealed class RuleBasedRegimeModel : IRegimeModel
{
    private static readonly int VolatilityPercentileIndex = CanonicalFeatures.IndexOf(CanonicalFeatures.VolatilityPercentile);
    private static readonly int EfficiencyRatioIndex = CanonicalFeatures.IndexOf(CanonicalFeatures.EfficiencyRatio);
    private static readonly int MomentumIndex = CanonicalFeatures.IndexOf(CanonicalFeatures.MomentumScore);

    private readonly double _stressed;
    private readonly double _efficiency;
    private readonly double _momentum;
    private readonly double _sharpness;

    public RuleBasedRegimeModel(RegimeRuleParameters parameters, RegimeConfig overrides)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(overrides);
        Version = parameters.Version;
        _stressed = overrides.StressedVolatilityPercentile ?? parameters.StressedVolatilityPercentile;
        _efficiency = overrides.TrendingEfficiencyRatio ?? parameters.TrendingEfficiencyRatio;
        _momentum = overrides.TrendingMomentum ?? parameters.TrendingMomentum;
        _sharpness = parameters.Sharpness;
        if (!(_sharpness > 0 && _sharpness <= ParameterBounds.MaxSharpness))
        {
            throw new InvalidModelException($"Regime model {Version}: sharpness must be > 0 and at most {ParameterBounds.MaxSharpness}.");
        }

        if (!(_stressed is >= 0 and <= 1) || !(_efficiency is >= 0 and <= 1) || !(_momentum >= 0 && _momentum <= Engine.FeatureRanges.OfCanonical(MomentumIndex).Max))
        {
            throw new InvalidModelException($"Regime model {Version}: thresholds must be inside their features' ranges (percentile and efficiency in [0, 1], momentum in [0, {Engine.FeatureRanges.OfCanonical(MomentumIndex).Max}]).");
        }
    }

    public string Version { get; }

    public string Kind => RuleBasedModelFile.Kind;

    public IReadOnlyList<string> Features { get; } =
        [CanonicalFeatures.VolatilityPercentile, CanonicalFeatures.EfficiencyRatio, CanonicalFeatures.MomentumScore];

    public static RuleBasedRegimeModel Load(ReadOnlySpan<byte> content, RegimeConfig overrides, string description = "artifact")
    {
        var parameters = RuleBasedModelFile.Read<RegimeRuleParameters>(content, description);
        if (parameters.Kind != RuleBasedModelFile.Kind || parameters.Model != ModelNames.RegimeClassifier)
        {
            throw new InvalidModelException($"{description} is a {parameters.Kind} {parameters.Model} file, not a rule_based regime_classifier.");
        }

        return new RuleBasedRegimeModel(parameters, overrides);
    }

    public JsonObject Describe() => new()
    {
        ["kind"] = Kind,
        ["version"] = Version,
        ["stressed_volatility_percentile"] = _stressed,
        ["trending_efficiency_ratio"] = _efficiency,
        ["trending_momentum"] = _momentum,
        ["sharpness"] = _sharpness,
    };

    public RegimeScores Classify(ReadOnlySpan<double> canonicalRow)
    {
        var volatilityPercentile = canonicalRow[VolatilityPercentileIndex];
        var efficiency = canonicalRow[EfficiencyRatioIndex];
        var momentum = Math.Abs(canonicalRow[MomentumIndex]);

        var stressed = Sigmoid(_sharpness * (volatilityPercentile - _stressed));
        var trendingGivenCalm = Sigmoid(_sharpness * Math.Min(efficiency - _efficiency, momentum - _momentum));
        var trending = (1 - stressed) * trendingGivenCalm;
        var ranging = 1 - stressed - trending;

        var label = volatilityPercentile >= _stressed ? MarketRegime.Stressed
            : efficiency >= _efficiency && momentum >= _momentum ? MarketRegime.Trending
            : MarketRegime.Ranging;
        return new RegimeScores(label, trending, ranging, stressed);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rule_based regime {Version} (stressed>={_stressed}, er>={_efficiency}, |m|>={_momentum})");

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

}
