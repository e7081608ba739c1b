using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>A small deterministic engine: allows a trade when QSE is valid and momentum exceeds a threshold.</summary>
internal sealed class ThresholdEngine(double threshold, string? requiredFeature = null) : IInferenceEngine
{
    public List<(string Symbol, DateTime BarTime, double Momentum, bool QseValid)> Calls { get; } = [];

    public MlDecision Predict(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse)
    {
        if (requiredFeature is not null && !features.ContainsKey(requiredFeature))
        {
            throw new InvalidInputException("features." + requiredFeature, $"feature '{requiredFeature}' is missing");
        }

        var momentum = features[CanonicalFeatures.MomentumScore];
        Calls.Add((symbol, barTime, momentum, qse.SignalValid));
        var allowed = qse.SignalValid && momentum > threshold;
        var reason = !qse.SignalValid
            ? "QSE invalid: stationarity"
            : string.Create(CultureInfo.InvariantCulture, $"Signal probability {momentum} {(allowed ? ">" : "<=")} {threshold}");
        return Decide(symbol, timeframe, barTime, allowed, momentum, [reason]);
    }

    // Stateless, so a what-if is the same decision.
    public MlDecision Preview(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Predict(symbol, timeframe, barTime, features, qse);

    public MlDecision PredictStateless(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Predict(symbol, timeframe, barTime, features, qse);

    public MlDecision FailClosed(string symbol, string timeframe, DateTime barTime, string reason) =>
        Decide(symbol, timeframe, barTime, false, 0, [reason]);

    private static MlDecision Decide(string symbol, string timeframe, DateTime barTime, bool allowed, double probability, IReadOnlyList<string> reasons) =>
        AuditTestData.Decision(0, symbol) with
        {
            DecisionId = string.Create(CultureInfo.InvariantCulture, $"{symbol}-{timeframe}-{barTime:yyyyMMddHH}"),
            Timeframe = timeframe,
            BarTime = barTime,
            Timestamp = barTime,
            AllowTrade = allowed,
            Signal = AuditTestData.Decision(0).Signal with { SuccessProbability = probability },
            DecisionReasons = reasons,
        };
}
