using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>
/// Decides from a simple rule so tests assert bus behaviour, not the model: decision_id = hex SHA-256 of
/// <c>SYMBOL|TF|bar_time</c>, allow_trade when QSE is valid and momentum_score &gt; 0; refuses a snapshot
/// without momentum_score.
/// </summary>
internal sealed class DeterministicEngine : IInferenceEngine
{
    private int _predictions;

    public int Predictions => Volatile.Read(ref _predictions);

    public static string DecisionId(string symbol, string timeframe, DateTime barTime) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{symbol}|{timeframe}|{barTime.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}"))));

    public MlDecision Predict(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse)
    {
        Interlocked.Increment(ref _predictions);
        if (!features.TryGetValue(CanonicalFeatures.MomentumScore, out var momentum))
        {
            throw new InvalidInputException("features.momentum_score", "features.momentum_score is missing");
        }

        var allow = qse.SignalValid && momentum > 0;
        return Decision(symbol, timeframe, barTime, allow, allow ? "All checks passed" : "Rule: momentum_score <= 0 or QSE invalid");
    }

    // Stateless, so a what-if is the same decision.
    public MlDecision Preview(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Predict(symbol, timeframe, barTime, features, qse);

    public MlDecision PredictStateless(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Predict(symbol, timeframe, barTime, features, qse);

    public MlDecision FailClosed(string symbol, string timeframe, DateTime barTime, string reason) =>
        Decision(symbol, timeframe, barTime, false, reason);

    private static MlDecision Decision(string symbol, string timeframe, DateTime barTime, bool allow, string reason) => new()
    {
        DecisionId = DecisionId(symbol, timeframe, barTime),
        Symbol = symbol,
        Timeframe = timeframe,
        BarTime = barTime,
        Timestamp = DateTime.UtcNow,
        AllowTrade = allow,
        Regime = new RegimePrediction
        {
            RegimeLabel = "TRENDING",
            Confidence = 0.7,
            EfficiencyRatio = 0.5,
            Probabilities = new Dictionary<string, double> { ["TRENDING"] = 0.7, ["RANGING"] = 0.2, ["STRESSED"] = 0.1 },
        },
        Signal = new SignalPrediction { SuccessProbability = 0.6, ShouldEnter = allow, ShouldExit = false, ConfidenceLevel = "MEDIUM", TopFeatures = [] },
        DecisionReasons = [reason],
        QseValid = true,
        ProcessingTimeMs = 0.01,
        ConfigHash = "0123456789abcdef",
        ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "test", ["signal_filter"] = "test" },
    };
}
