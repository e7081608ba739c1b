using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>The outcome for one delivered half: its bar's decision, published and audited.</summary>
public sealed record BarSettlement(BarSettlementKind Kind, MlDecision Decision);
