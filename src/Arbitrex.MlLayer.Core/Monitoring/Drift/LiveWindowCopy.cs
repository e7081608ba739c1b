namespace Arbitrex.MlLayer.Core.Monitoring.Drift;

/// <summary>A copy of the live window: <paramref name="Bars"/> bars, each feature's finite values and the probabilities of <paramref name="SignalFilterVersion"/>, oldest first.</summary>
public sealed record LiveWindowCopy(
    int Bars,
    IReadOnlyDictionary<string, double[]> Features,
    double[] Probabilities,
    string? SignalFilterVersion);
