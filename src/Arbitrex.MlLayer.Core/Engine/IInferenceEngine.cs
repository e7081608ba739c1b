using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>Turns the two halves of a bar into a decision. Thread-safe.</summary>
public interface IInferenceEngine
{
    /// <summary>
    /// Runs regime classifier, signal filter and decision logic on one bar, and counts the bar in the regime
    /// smoothing of its (symbol, timeframe): the live path.
    /// </summary>
    /// <exception cref="InvalidInputException">A field is missing, empty, unknown or not a finite number in its range, or bar_time is ahead of the clock by more than the allowed skew.</exception>
    MlDecision Predict(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse);

    /// <summary>
    /// The decision <see cref="Predict"/> would make for this bar, without counting the bar in the regime
    /// smoothing: a what-if (ad-hoc HTTP predictions) that reads the live state but leaves it as it was.
    /// </summary>
    /// <exception cref="InvalidInputException">A field is missing, empty, unknown or not a finite number in its range, or bar_time is ahead of the clock by more than the allowed skew.</exception>
    MlDecision Preview(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse);

    /// <summary>
    /// The decision for this bar from its own inputs alone: the classifier's raw regime label, no smoothing
    /// state read or moved. The default what-if of ad-hoc HTTP predictions, so they never depend on or
    /// change what the live stream has seen.
    /// </summary>
    /// <exception cref="InvalidInputException">A field is missing, empty, unknown or not a finite number in its range, or bar_time is ahead of the clock by more than the allowed skew.</exception>
    MlDecision PredictStateless(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse);

    /// <summary>
    /// A decision that suppresses the trade without running the models, e.g. when one half of the bar
    /// never arrived. Carries the same <c>decision_id</c> a full decision for the bar would.
    /// </summary>
    MlDecision FailClosed(string symbol, string timeframe, DateTime barTime, string reason);
}
