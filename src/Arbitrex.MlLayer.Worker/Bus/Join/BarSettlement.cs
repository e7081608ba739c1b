namespace Arbitrex.MlLayer.Worker.Bus.Join;

/// <summary>
/// The outcome for one delivered half: the <c>decision_id</c> of its bar's decision, published and audited.
/// Only the id: a bar decided earlier is remembered by its id alone (<see cref="RecentDecisions"/>).
/// </summary>
public sealed record BarSettlement(BarSettlementKind Kind, string DecisionId);
