namespace Arbitrex.MlLayer.Contracts;

/// <summary>The five gates of the quant statistical engine.</summary>
public sealed record QseGates
{
    public required QseGate TrendPersistence { get; init; }

    public required QseGate Stationarity { get; init; }

    public required QseGate ZScore { get; init; }

    public required QseGate Autocorrelation { get; init; }

    public required QseGate SignalValidity { get; init; }
}
