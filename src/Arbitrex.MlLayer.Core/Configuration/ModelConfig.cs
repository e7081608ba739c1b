namespace Arbitrex.MlLayer.Core.Configuration;

/// <summary>The active version of each model in the registry, and the shadow (challenger) versions decided beside them.</summary>
public sealed record ModelConfig
{
    public string RegimeClassifierVersion { get; init; } = "v1.0.0_rule_based";

    public string SignalFilterVersion { get; init; } = "v1.0.0_rule_based";

    /// <summary>
    /// A regime classifier decided beside the live one on every bus bar, never acted on; null: none.
    /// Not part of the live config hash.
    /// </summary>
    public string? ShadowRegimeClassifierVersion { get; init; }

    /// <summary>
    /// A signal filter decided beside the live one on every bus bar, never acted on; null: none. Rule-based or trained
    /// (<c>signal_filter.use_ml_model</c> says which the live one is; the shadow is decided as the kind it is).
    /// Not part of the live config hash.
    /// </summary>
    public string? ShadowSignalFilterVersion { get; init; }
}
