namespace Arbitrex.MlLayer.Core.Models;

/// <summary>The models the engine runs.</summary>
public static class ModelNames
{
    public const string RegimeClassifier = "regime_classifier";
    public const string SignalFilter = "signal_filter";

    public static IReadOnlyList<string> All { get; } = [RegimeClassifier, SignalFilter];
}
