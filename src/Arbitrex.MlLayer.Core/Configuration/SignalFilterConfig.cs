namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>Signal filter settings.</summary>
public sealed record SignalFilterConfig
{
    /// <summary>True: <c>model.signal_filter_version</c> names a trained (xgboost_json) model; false: a rule-based one.</summary>
    public bool UseMlModel { get; init; }

    /// <summary><c>should_enter</c> when the success probability is at or above this.</summary>
    public double EntryThreshold { get; init; } = 0.55;

    /// <summary><c>should_exit</c> when the success probability is at or below this.</summary>
    public double ExitThreshold { get; init; } = 0.45;

    /// <summary><c>HIGH</c> when max(p, 1 − p) is at or above this.</summary>
    public double HighConfidence { get; init; } = 0.70;

    /// <summary><c>MEDIUM</c> when max(p, 1 − p) is at or above this (else <c>LOW</c>).</summary>
    public double MediumConfidence { get; init; } = 0.60;

    /// <summary>
    /// True (default): each decision's <c>top_features</c> lists the five largest contributions (exact
    /// TreeSHAP for a trained model, 0.7–0.9 ms for 100 trees of depth 6 on a 2-core VM). False: <c>top_features</c> is
    /// empty and a trained model computes the probability alone (about 2 µs).
    /// </summary>
    public bool ExplainTopFeatures { get; init; } = true;

    /// <summary>Overrides of the rule-based model's feature weights, by feature name; empty uses the model's.</summary>
    public IReadOnlyDictionary<string, double> RuleWeights { get; init; } = new SortedDictionary<string, double>(StringComparer.Ordinal);
}
