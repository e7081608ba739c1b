using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Builds an <see cref="MlDecision"/> from its members as flat values, for the places that hold a decision flattened
/// (the audit record, the decision history's packed copy): the nesting of the contract is spelled here once, so a
/// member added to the contract is added to every rebuilt decision in one place.
/// </summary>
internal static class MlDecisionFactory
{
    public static MlDecision Create(
        string decisionId,
        string symbol,
        string timeframe,
        DateTime barTime,
        DateTime timestamp,
        bool allowTrade,
        string regimeLabel,
        double regimeConfidence,
        double efficiencyRatio,
        IReadOnlyDictionary<string, double> regimeProbabilities,
        double successProbability,
        bool shouldEnter,
        bool shouldExit,
        string confidenceLevel,
        IReadOnlyList<FeatureContribution> topFeatures,
        IReadOnlyList<string> decisionReasons,
        bool qseValid,
        double processingTimeMs,
        string configHash,
        IReadOnlyDictionary<string, string> modelVersions) => new()
        {
            DecisionId = decisionId,
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTime,
            Timestamp = timestamp,
            AllowTrade = allowTrade,
            Regime = new RegimePrediction
            {
                RegimeLabel = regimeLabel,
                Confidence = regimeConfidence,
                EfficiencyRatio = efficiencyRatio,
                Probabilities = regimeProbabilities,
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = successProbability,
                ShouldEnter = shouldEnter,
                ShouldExit = shouldExit,
                ConfidenceLevel = confidenceLevel,
                TopFeatures = topFeatures,
            },
            DecisionReasons = decisionReasons,
            QseValid = qseValid,
            ProcessingTimeMs = processingTimeMs,
            ConfigHash = configHash,
            ModelVersions = modelVersions,
        };
}
