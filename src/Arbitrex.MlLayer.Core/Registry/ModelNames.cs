namespace Arbitrex.MlLayer.Core.Registry;

/// <summary>The models the registry knows; any other name is refused.</summary>
public static class ModelNames
{
    public const string RegimeClassifier = "regime_classifier";
    public const string SignalFilter = "signal_filter";

    public static IReadOnlyList<string> All { get; } = [RegimeClassifier, SignalFilter];
}
