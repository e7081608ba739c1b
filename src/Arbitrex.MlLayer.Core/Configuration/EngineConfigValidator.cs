using System.Globalization;
using System.Text.RegularExpressions;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Monitoring;

namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// Checks a whole config document and names every offending key by its snake_case path.
/// Used at start-up (the host refuses to start) and by <c>PUT /config</c> (400, nothing applied).
/// </summary>
public static partial class EngineConfigValidator
{
    public static IReadOnlyList<ConfigError> Validate(EngineConfig config) => Validate(config, []);

    /// <summary>
    /// As <see cref="Validate(EngineConfig)"/>, and a custom alert rule may not take the name of a host rule
    /// (<c>Monitoring:AlertRules</c>), which the monitor holds beside the custom ones.
    /// </summary>
    public static IReadOnlyList<ConfigError> Validate(EngineConfig config, IReadOnlyCollection<string> hostAlertRuleNames)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(hostAlertRuleNames);
        var errors = new List<ConfigError>();

        Probability(errors, "regime.stressed_volatility_percentile", config.Regime.StressedVolatilityPercentile);
        Probability(errors, "regime.trending_efficiency_ratio", config.Regime.TrendingEfficiencyRatio);
        var momentumRange = FeatureRanges.OfCanonical(CanonicalFeatures.IndexOf(CanonicalFeatures.MomentumScore));
        if (config.Regime.TrendingMomentum is { } momentum && !(momentum >= 0 && momentum <= momentumRange.Max))
        {
            errors.Add(new("regime.trending_momentum", $"must be between 0 and {Format(momentumRange.Max)}, the largest |momentum_score| (was {Format(momentum)})"));
        }

        if (config.Regime.SmoothingBars is < 1 or > 1000)
        {
            errors.Add(new("regime.smoothing_bars", $"must be between 1 and 1000 (was {config.Regime.SmoothingBars})"));
        }

        var signal = config.SignalFilter;
        Probability(errors, "signal_filter.entry_threshold", signal.EntryThreshold);
        Probability(errors, "signal_filter.exit_threshold", signal.ExitThreshold);
        if (signal.ExitThreshold > signal.EntryThreshold)
        {
            errors.Add(new("signal_filter.exit_threshold", $"must not exceed signal_filter.entry_threshold ({Format(signal.ExitThreshold)} > {Format(signal.EntryThreshold)})"));
        }

        HalfToOne(errors, "signal_filter.high_confidence", signal.HighConfidence);
        HalfToOne(errors, "signal_filter.medium_confidence", signal.MediumConfidence);
        if (signal.MediumConfidence > signal.HighConfidence)
        {
            errors.Add(new("signal_filter.medium_confidence", $"must not exceed signal_filter.high_confidence ({Format(signal.MediumConfidence)} > {Format(signal.HighConfidence)})"));
        }

        foreach (var (feature, weight) in signal.RuleWeights)
        {
            if (!CanonicalFeatures.All.Contains(feature))
            {
                errors.Add(new($"signal_filter.rule_weights.{feature}", "is not one of the 16 canonical features"));
            }
            else if (!(Math.Abs(weight) <= ParameterBounds.MaxAbsWeight))
            {
                errors.Add(new($"signal_filter.rule_weights.{feature}", $"must be between -{Format(ParameterBounds.MaxAbsWeight)} and {Format(ParameterBounds.MaxAbsWeight)} (was {Format(weight)})"));
            }
        }

        var decision = config.Decision;
        if (decision.AllowedRegimes.Count == 0)
        {
            errors.Add(new("decision.allowed_regimes", "must name at least one regime (TRENDING, RANGING, STRESSED)"));
        }

        for (var i = 0; i < decision.AllowedRegimes.Count; i++)
        {
            if (!MarketRegimes.TryParse(decision.AllowedRegimes[i], out _))
            {
                errors.Add(new($"decision.allowed_regimes[{i}]", $"'{decision.AllowedRegimes[i]}' is not a regime (TRENDING, RANGING, STRESSED)"));
            }
        }

        Probability(errors, "decision.min_regime_confidence", decision.MinRegimeConfidence);
        Probability(errors, "decision.min_signal_probability", decision.MinSignalProbability);

        Version(errors, "model.regime_classifier_version", config.Model.RegimeClassifierVersion);
        Version(errors, "model.signal_filter_version", config.Model.SignalFilterVersion);
        if (config.Model.ShadowRegimeClassifierVersion is { } shadowRegime)
        {
            Version(errors, "model.shadow_regime_classifier_version", shadowRegime);
        }

        if (config.Model.ShadowSignalFilterVersion is { } shadowSignal)
        {
            Version(errors, "model.shadow_signal_filter_version", shadowSignal);
        }

        if (config.Monitoring.HistorySize is < 1 or > 1_000_000)
        {
            errors.Add(new("monitoring.history_size", $"must be between 1 and 1000000 (was {config.Monitoring.HistorySize})"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Monitoring.AlertRules.Count; i++)
        {
            var rule = config.Monitoring.AlertRules[i];

            // The serializer lets a null list item through even with nullable annotations respected.
            if (rule is null)
            {
                errors.Add(new($"monitoring.alert_rules[{i}]", "must be an object"));
                continue;
            }

            try
            {
                AlertRuleValidator.Validate(rule.ToRule());
            }
            catch (InvalidAlertRuleException ex)
            {
                var field = ex.Field == "for" ? "for_seconds" : ex.Field;
                errors.Add(new($"monitoring.alert_rules[{i}].{field}", ex.Message));
                continue;
            }

            if (!(Math.Abs(rule.Threshold) <= ParameterBounds.MaxAbsAlertThreshold))
            {
                errors.Add(new($"monitoring.alert_rules[{i}].threshold", $"must be between -{Format(ParameterBounds.MaxAbsAlertThreshold)} and {Format(ParameterBounds.MaxAbsAlertThreshold)} (was {Format(rule.Threshold)})"));
                continue;
            }

            if (!names.Add(rule.Name) || DefaultAlertRules.All.Any(r => r.Name == rule.Name))
            {
                errors.Add(new($"monitoring.alert_rules[{i}].name", $"'{rule.Name}' is already the name of another rule"));
            }
            else if (hostAlertRuleNames.Contains(rule.Name))
            {
                errors.Add(new($"monitoring.alert_rules[{i}].name", $"'{rule.Name}' is already the name of a host alert rule (Monitoring:AlertRules)"));
            }
        }

        return errors;
    }

    public static void ThrowIfInvalid(EngineConfig config) => ThrowIfInvalid(config, []);

    /// <exception cref="InvalidConfigException">The document is invalid; every offending key is named.</exception>
    public static void ThrowIfInvalid(EngineConfig config, IReadOnlyCollection<string> hostAlertRuleNames)
    {
        var errors = Validate(config, hostAlertRuleNames);
        if (errors.Count > 0)
        {
            throw new InvalidConfigException(errors);
        }
    }

    private static void Probability(List<ConfigError> errors, string key, double? value)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0 || v > 1))
        {
            errors.Add(new(key, $"must be between 0 and 1 (was {Format(v)})"));
        }
    }

    private static void HalfToOne(List<ConfigError> errors, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0.5 || value > 1)
        {
            errors.Add(new(key, $"must be between 0.5 and 1 (was {Format(value)})"));
        }
    }

    private static void Version(List<ConfigError> errors, string key, string value)
    {
        if (!ModelVersionPattern().IsMatch(value))
        {
            errors.Add(new(key, $"'{value}' is not a version like v1.2.3 or v1.1.0_lightgbm"));
        }
    }

    // "R" past 1e15, where the fixed format would print hundreds of digits for 1e308.
    private static string Format(double value) =>
        Math.Abs(value) < 1e15 ? value.ToString("0.######", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^v\d{1,6}\.\d{1,6}\.\d{1,6}(?:_[a-z0-9]{1,32}(?:_[a-z0-9]{1,32}){0,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelVersionPattern();
}
