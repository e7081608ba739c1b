using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>Turns the two halves of a bar into a decision. Thread-safe.</summary>
public interface IInferenceEngine
{
    /// <summary>
    /// Runs regime classifier, signal filter and decision logic on one bar, and counts the bar in the regime
    /// smoothing of its (symbol, timeframe): the live path.
    /// </summary>
    /// <exception cref="InvalidInputException">A field is missing, empty, unknown or not a finite number.</exception>
    MlDecision Predict(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse);

    /// <summary>
    /// The decision <see cref="Predict"/> would make for this bar, without counting the bar in the regime
    /// smoothing: a what-if (ad-hoc HTTP predictions) that reads the live state but leaves it as it was.
    /// </summary>
    /// <exception cref="InvalidInputException">A field is missing, empty, unknown or not a finite number.</exception>
    MlDecision Preview(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse);

    /// <summary>
    /// A decision that suppresses the trade without running the models, e.g. when one half of the bar
    /// never arrived. Carries the same <c>decision_id</c> a full decision for the bar would.
    /// </summary>
    MlDecision FailClosed(string symbol, string timeframe, DateTime barTime, string reason);
}
