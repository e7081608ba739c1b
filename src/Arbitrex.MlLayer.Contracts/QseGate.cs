namespace Arbitrex.MlLayer.Contracts;

/// <summary>One gate of the quant statistical engine: whether it passed and the statistic it tested.</summary>
public sealed record QseGate
{
    public required bool Passed { get; init; }

    public required double Value { get; init; }
}
