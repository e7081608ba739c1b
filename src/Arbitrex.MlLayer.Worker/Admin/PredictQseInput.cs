using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>The <c>qse_output</c> of a predict request; symbol, timeframe and bar_time default to the request's.</summary>
public sealed record PredictQseInput
{
    public string? Symbol { get; init; }

    public string? Timeframe { get; init; }

    public DateTime? BarTime { get; init; }

    public bool? SignalValid { get; init; }

    public QseGates? Gates { get; init; }
}
