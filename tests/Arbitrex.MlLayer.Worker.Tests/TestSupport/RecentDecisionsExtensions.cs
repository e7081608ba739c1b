using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Worker.Bus.Join;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal static class RecentDecisionsExtensions
{
    /// <summary>Marks the bar of <paramref name="decision"/> as decided, as the joiner does after deciding it.</summary>
    public static void Remember(this RecentDecisions recent, MlDecision decision) =>
        recent.Add(new BarKey(decision.Symbol, decision.Timeframe, decision.BarTime.ToUniversalTime()), decision.DecisionId);
}
