namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>How a bar's delivery was settled.</summary>
public enum BarSettlementKind
{
    /// <summary>Both halves joined and the engine decided.</summary>
    Decided,

    /// <summary>The partner never arrived within the join window; the bar was decided fail-closed.</summary>
    FailedClosed,

    /// <summary>The bar had already been decided; nothing new was published.</summary>
    AlreadyDecided,
}
