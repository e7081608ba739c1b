namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>A half of a bar the reader refused (it went to the error queue), and why.</summary>
internal sealed record RefusedHalf(HalfKind Kind, string Reason);
