namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>
/// Bounds of the numbers that shape a decision, in the config document and in rule-based model files. With
/// every input inside <see cref="Engine.FeatureRanges"/> they keep each logistic term finite (at most
/// 100 × 20,000 / 1e-6 = 2e12), so no sum of terms can overflow into ±Infinity or NaN.
/// </summary>
public static class ParameterBounds
{
    /// <summary>Largest |weight| of a rule-based signal term (<c>signal_filter.rule_weights</c>, a model file's <c>weight</c>) and |bias|.</summary>
    public const double MaxAbsWeight = 100;

    /// <summary>Smallest <c>scale</c> of a rule-based signal term.</summary>
    public const double MinScale = 1e-6;

    /// <summary>Largest <c>scale</c> of a rule-based signal term.</summary>
    public const double MaxScale = 1e6;

    /// <summary>Largest <c>sharpness</c> of the rule-based regime classifier's logistic curves.</summary>
    public const double MaxSharpness = 1000;

    /// <summary>Largest |threshold| of a custom alert rule.</summary>
    public const double MaxAbsAlertThreshold = 1e9;
}
