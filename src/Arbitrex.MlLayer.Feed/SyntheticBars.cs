using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Engine;

namespace Arbitrex.MlLayer.Feed;

/// <summary>Deterministic synthetic bars: bar-major (all symbols of bar 0, then bar 1, ...), like a live feed.</summary>
internal static class SyntheticBars
{
    public static IEnumerable<BarHalf> Generate(FeedOptions options)
    {
        var random = new Random(options.Seed);
        var step = Step(options.Timeframe);
        for (var bar = 0; bar < options.Bars; bar++)
        {
            var barTime = options.Start + (step * bar);
            foreach (var symbol in options.Symbols)
            {
                var features = CanonicalFeatures.All.ToDictionary(n => n, _ => Math.Round(random.NextDouble(), 4));
                features[CanonicalFeatures.MomentumScore] = Math.Round((random.NextDouble() * 2) - 1, 4);
                features[CanonicalFeatures.Volatility] = Math.Round(0.002 + (random.NextDouble() * 0.01), 5);
                QseGate Gate(double value) => new() { Passed = value > 0.2, Value = Math.Round(value, 4) };
                var gates = new QseGates
                {
                    TrendPersistence = Gate(random.NextDouble()),
                    Stationarity = Gate(0.5),
                    ZScore = Gate(random.NextDouble()),
                    Autocorrelation = Gate(0.5),
                    SignalValidity = Gate(1.0),
                };
                var snapshot = new BarHalf(new FeatureSnapshot { Symbol = symbol, Timeframe = options.Timeframe, BarTime = barTime, Features = features }, null);
                var qse = new BarHalf(null, new QseOutput
                {
                    Symbol = symbol,
                    Timeframe = options.Timeframe,
                    BarTime = barTime,
                    SignalValid = gates.TrendPersistence.Passed && gates.ZScore.Passed,
                    Gates = gates,
                });
                var qseFirst = options.Shuffle && random.Next(2) == 0;
                yield return qseFirst ? qse : snapshot;
                yield return qseFirst ? snapshot : qse;
            }
        }
    }

    /// <summary>One bar's length: the engine's own timeframe rules, so the feed publishes only timeframes the worker accepts.</summary>
    /// <exception cref="ArgumentException">Not one of the engine's timeframes (15M, 4H, 1D, ...).</exception>
    public static TimeSpan Step(string timeframe) => Timeframes.Length(timeframe);
}
