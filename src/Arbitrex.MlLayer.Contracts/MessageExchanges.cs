namespace Arbitrex.MlLayer.Contracts;

/// <summary>The durable topic exchanges of the ML layer; routing key is <c>SYMBOL.TIMEFRAME</c>.</summary>
public static class MessageExchanges
{
    public const string FeatureSnapshot = "arbitrex.ml.feature-snapshot";
    public const string QseOutput = "arbitrex.ml.qse-output";
    public const string Decision = "arbitrex.ml.decision";

    /// <summary>Decisions of a shadow model: never acted on, published for comparison only.</summary>
    public const string ShadowDecision = "arbitrex.ml.decision.shadow";

    /// <summary>Outcomes of decided trades (<see cref="TradeOutcome"/>).</summary>
    public const string Outcome = "arbitrex.ml.outcome";

    public static string RoutingKey(string symbol, string timeframe) => $"{symbol}.{timeframe}";
}
