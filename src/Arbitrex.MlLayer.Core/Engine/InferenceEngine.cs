using System.Globalization;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Models;

namespace Arbitrex.MlLayer.Core.Engine;

/// <summary>
/// Regime classifier → signal filter → decision logic, over the active <see cref="EngineSnapshot"/>.
/// Thread-safe: each call reads the snapshot once, so a config or model swap applies from the next
/// call on and never half-way through one.
/// </summary>
// Over 300 lines on purpose: the snapshot swap, the input checks and the decision logic share the engine's lock-free
// snapshot; the shadow path is the InferenceEngine.Shadow.cs part.
public sealed partial class InferenceEngine : IInferenceEngine
{
    private const int TopFeatureCount = 5;
    private static readonly int FeatureCount = CanonicalFeatures.All.Count;
    private static readonly int EfficiencyRatioIndex = CanonicalFeatures.IndexOf(CanonicalFeatures.EfficiencyRatio);

    private readonly ModelLoader _loader;
    private readonly TimeProvider _time;
    private readonly BarTimeOptions _barTime;
    private readonly Lock _applyLock = new();
    private EngineSnapshot _snapshot;

    /// <param name="barTime">How far ahead of <paramref name="timeProvider"/>'s clock a bar may be; null: one bar length.</param>
    public InferenceEngine(EngineConfig config, ModelLoader loader, TimeProvider? timeProvider = null, BarTimeOptions? barTime = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        _loader = loader;
        _time = timeProvider ?? TimeProvider.System;
        _barTime = barTime ?? new BarTimeOptions();
        if (_barTime.MaxBarTimeSkew is { } skew && skew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(barTime), skew, "Engine:MaxBarTimeSkew must not be negative.");
        }

        _snapshot = EngineSnapshot.Build(config, loader);
    }

    /// <summary>The engine with the rule-based models of a registry folder, for programs using Core directly.</summary>
    public static InferenceEngine CreateDefault(string modelsRoot, EngineConfig? config = null) =>
        new(config ?? new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(modelsRoot)));

    public EngineSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public EngineConfig Config => Snapshot.Config;

    public string ConfigHash => Snapshot.ConfigHash;

    public RegimeSmoother Smoother { get; } = new();

    /// <summary>Loads the models <paramref name="config"/> names and swaps them in atomically.</summary>
    /// <exception cref="InvalidConfigException">Invalid config or model; the active snapshot is unchanged.</exception>
    public EngineSnapshot Apply(EngineConfig config)
    {
        lock (_applyLock)
        {
            var next = EngineSnapshot.Build(config, _loader);
            var previous = Volatile.Read(ref _snapshot);
            Volatile.Write(ref _snapshot, next);
            ResetShadowSmoothingOnNewChallenger(previous, next);
            return next;
        }
    }

    /// <summary>Clears the smoothing state of every (symbol, timeframe).</summary>
    public void Reset()
    {
        Smoother.Reset();
        ShadowSmoother.Reset();
    }

    public MlDecision Predict(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Decide(symbol, timeframe, barTime, features, qse, SmoothingUse.Count);

    public MlDecision Preview(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Decide(symbol, timeframe, barTime, features, qse, SmoothingUse.Peek);

    public MlDecision PredictStateless(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse) =>
        Decide(symbol, timeframe, barTime, features, qse, SmoothingUse.None);

    private MlDecision Decide(string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse, SmoothingUse smoothing) =>
        Decide(Snapshot, Smoother, null, symbol, timeframe, barTime, features, qse, smoothing);

    /// <param name="fixedLabel">The regime label to decide with instead of the classifier's (the live label, for a shadow of the signal filter alone).</param>
    private MlDecision Decide(
        EngineSnapshot snapshot, RegimeSmoother smoother, MarketRegime? fixedLabel,
        string symbol, string timeframe, DateTime barTime, IReadOnlyDictionary<string, double> features, QseOutput qse, SmoothingUse smoothing)
    {
        var started = _time.GetTimestamp();
        var barTimeUtc = BarKeyRules.Validate(symbol, timeframe, barTime);
        RequireNotAhead(timeframe, barTimeUtc);
        InputValidation.Qse(qse, symbol, timeframe, barTimeUtc);

        Span<double> row = stackalloc double[FeatureCount];
        InputValidation.Features(features, snapshot.RequiredFeatureIndexes, row);

        var scores = snapshot.Regime.Classify(row);
        var config = snapshot.Config;
        var label = fixedLabel ?? (!config.Regime.SmoothingEnabled ? scores.Label : smoothing switch
        {
            SmoothingUse.Count => smoother.Smooth(symbol, timeframe, barTimeUtc, scores.Label, config.Regime.SmoothingBars),
            SmoothingUse.Peek => smoother.Peek(symbol, timeframe, scores.Label, config.Regime.SmoothingBars),
            _ => scores.Label,
        });
        var regimeConfidence = scores.ProbabilityOf(label);

        Span<double> contributions = config.SignalFilter.ExplainTopFeatures ? stackalloc double[FeatureCount] : [];
        var probability = snapshot.Signal.Predict(row, contributions);
        RequireFiniteOutputs(scores, probability, contributions);

        var qseValid = qse.SignalValid && AllGatesPassed(qse.Gates);
        var reason = FirstFailure(snapshot, qse, qseValid, label, regimeConfidence, probability);
        var allowed = reason is null;
        reason ??= snapshot.PassedReason.Format(label, regimeConfidence, probability);

        return new MlDecision
        {
            DecisionId = DecisionIds.For(symbol, timeframe, barTimeUtc),
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTimeUtc,
            Timestamp = _time.GetUtcNow().UtcDateTime,
            AllowTrade = allowed,
            Regime = new RegimePrediction
            {
                RegimeLabel = label.Label(),
                Confidence = regimeConfidence,
                EfficiencyRatio = row[EfficiencyRatioIndex],
                Probabilities = Probabilities(scores),
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = probability,
                ShouldEnter = probability >= config.SignalFilter.EntryThreshold,
                ShouldExit = probability <= config.SignalFilter.ExitThreshold,
                ConfidenceLevel = ConfidenceLevel(probability, config.SignalFilter),
                TopFeatures = TopFeatures(contributions),
            },
            DecisionReasons = [reason],
            QseValid = qseValid,
            ProcessingTimeMs = _time.GetElapsedTime(started).TotalMilliseconds,
            ConfigHash = snapshot.ConfigHash,
            ModelVersions = snapshot.ModelVersions,
        };
    }

    public MlDecision FailClosed(string symbol, string timeframe, DateTime barTime, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var started = _time.GetTimestamp();
        var snapshot = Snapshot;
        var barTimeUtc = BarKeyRules.Validate(symbol, timeframe, barTime);
        return new MlDecision
        {
            DecisionId = DecisionIds.For(symbol, timeframe, barTimeUtc),
            Symbol = symbol,
            Timeframe = timeframe,
            BarTime = barTimeUtc,
            Timestamp = _time.GetUtcNow().UtcDateTime,
            AllowTrade = false,
            Regime = new RegimePrediction
            {
                RegimeLabel = MarketRegimes.Ranging,
                Confidence = 0,
                EfficiencyRatio = 0,
                Probabilities = Probabilities(new RegimeScores(MarketRegime.Ranging, 0, 1, 0)),
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0,
                ShouldEnter = false,
                ShouldExit = false,
                ConfidenceLevel = "LOW",
                TopFeatures = [],
            },
            DecisionReasons = [reason],
            QseValid = false,
            ProcessingTimeMs = _time.GetElapsedTime(started).TotalMilliseconds,
            ConfigHash = snapshot.ConfigHash,
            ModelVersions = snapshot.ModelVersions,
        };
    }

    /// <summary>Refuses a bar from the future: deciding it would also move its key's smoothing past every real bar to come.</summary>
    private void RequireNotAhead(string timeframe, DateTime barTimeUtc) =>
        BarKeyRules.RequireNotAhead(timeframe, barTimeUtc, _time.GetUtcNow().UtcDateTime, _barTime);

    /// <summary>
    /// The last line of defence behind the input ranges: a model that still yields a non-finite or out-of-range
    /// number has its bar refused, so nothing that is not a finite probability is ever published or audited.
    /// </summary>
    private static void RequireFiniteOutputs(RegimeScores scores, double probability, ReadOnlySpan<double> contributions)
    {
        if (!IsProbability(scores.Trending) || !IsProbability(scores.Ranging) || !IsProbability(scores.Stressed))
        {
            throw new InvalidInputException("features", "the regime classifier yields a probability outside [0, 1] for these features");
        }

        if (!IsProbability(probability))
        {
            throw new InvalidInputException("features", "the signal filter yields a success probability outside [0, 1] for these features");
        }

        foreach (var contribution in contributions)
        {
            if (!double.IsFinite(contribution))
            {
                throw new InvalidInputException("features", "the signal filter yields a non-finite feature contribution for these features");
            }
        }
    }

    private static bool IsProbability(double value) => value is >= 0 and <= 1;

    private static string? FirstFailure(EngineSnapshot snapshot, QseOutput qse, bool qseValid, MarketRegime label, double confidence, double probability)
    {
        var decision = snapshot.Config.Decision;
        if (!qseValid)
        {
            var failed = FailedGates(qse.Gates);
            return failed.Length == 0 ? "QSE invalid: signal_valid is false" : "QSE invalid: failed gates " + failed;
        }

        if (!snapshot.AllowedRegimes.Contains(label))
        {
            return $"Regime not allowed: {label.Label()} (allowed: {string.Join(", ", decision.AllowedRegimes)})";
        }

        if (!(confidence > decision.MinRegimeConfidence))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Regime confidence too low: {confidence:0.000} <= {decision.MinRegimeConfidence:0.000}");
        }

        if (!(probability > decision.MinSignalProbability))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Signal probability too low: {probability:0.000} <= {decision.MinSignalProbability:0.000}");
        }

        return null;
    }

    private static bool AllGatesPassed(QseGates gates) =>
        gates.TrendPersistence.Passed && gates.Stationarity.Passed && gates.ZScore.Passed
        && gates.Autocorrelation.Passed && gates.SignalValidity.Passed;

    private static string FailedGates(QseGates gates)
    {
        var failed = new List<string>(5);
        if (!gates.TrendPersistence.Passed)
        {
            failed.Add("trend_persistence");
        }

        if (!gates.Stationarity.Passed)
        {
            failed.Add("stationarity");
        }

        if (!gates.ZScore.Passed)
        {
            failed.Add("z_score");
        }

        if (!gates.Autocorrelation.Passed)
        {
            failed.Add("autocorrelation");
        }

        if (!gates.SignalValidity.Passed)
        {
            failed.Add("signal_validity");
        }

        return string.Join(", ", failed);
    }

    private enum SmoothingUse
    {
        /// <summary>The live path: the bar counts in its key's smoothing.</summary>
        Count,

        /// <summary>Reads the live smoothing state as if the bar were the next one, without moving it.</summary>
        Peek,

        /// <summary>Neither reads nor moves any smoothing state: the raw classifier label.</summary>
        None,
    }

    /// <summary>Keys inserted in ordinal order, so the JSON lists them sorted as before.</summary>
    private static Dictionary<string, double> Probabilities(RegimeScores scores) => new(3, StringComparer.Ordinal)
    {
        [MarketRegimes.Ranging] = scores.Ranging,
        [MarketRegimes.Stressed] = scores.Stressed,
        [MarketRegimes.Trending] = scores.Trending,
    };

    private static string ConfidenceLevel(double probability, SignalFilterConfig config)
    {
        var certainty = Math.Max(probability, 1 - probability);
        return certainty >= config.HighConfidence ? "HIGH" : certainty >= config.MediumConfidence ? "MEDIUM" : "LOW";
    }

    /// <summary>The largest contributions by magnitude, ties broken by canonical order; zero contributions are left out.</summary>
    private static FeatureContribution[] TopFeatures(ReadOnlySpan<double> contributions)
    {
        Span<int> top = stackalloc int[TopFeatureCount];
        var count = 0;
        for (var i = 0; i < contributions.Length; i++)
        {
            var magnitude = Math.Abs(contributions[i]);
            if (magnitude == 0)
            {
                continue;
            }

            var position = count;
            while (position > 0 && Math.Abs(contributions[top[position - 1]]) < magnitude)
            {
                position--;
            }

            if (position >= TopFeatureCount)
            {
                continue;
            }

            var last = Math.Min(count, TopFeatureCount - 1);
            for (var j = last; j > position; j--)
            {
                top[j] = top[j - 1];
            }

            top[position] = i;
            count = Math.Min(count + 1, TopFeatureCount);
        }

        if (count == 0)
        {
            return [];
        }

        var result = new FeatureContribution[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new FeatureContribution { Name = CanonicalFeatures.All[top[i]], Importance = contributions[top[i]] };
        }

        return result;
    }
}
