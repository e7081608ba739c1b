using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Engine;

/// <summary>
/// The property behind <see cref="FeatureRanges"/>: over random inputs, extreme doubles included, the engine
/// either refuses the bar naming a field or decides it with finite numbers, for every model kind.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FiniteOutputsTests
{
    private const int Cases = 3000;

    private static readonly double[] Extremes =
    [
        1e308, -1e308, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 1e-310, -1e-310,
        0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e15, -1e15, 1e300, -1e300,
    ];

    public static TheoryData<ModelKind> Kinds => ModelKindEngines.All();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Random_inputs_are_refused_by_field_or_decided_with_finite_numbers_for_every_model_kind(ModelKind kind)
    {
        var random = new Random(20261204 + (int)kind);
        var engine = ModelKindEngines.Create(kind, RandomWeights(random));
        var refused = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (features, qse, inRange) = RandomBar(random);
            MlDecision decision;
            try
            {
                decision = engine.Predict("EURUSD", "4H", Bars.BarTime, features, qse);
            }
            catch (InvalidInputException ex)
            {
                Assert.False(inRange, $"case {i}: an in-range bar was refused: {ex.Message}");
                Assert.True(ex.Field.StartsWith("features.", StringComparison.Ordinal) || ex.Field.StartsWith("qse_output.gates.", StringComparison.Ordinal), ex.Field);
                refused++;
                continue;
            }

            AssertFinite(decision, i);
        }

        // Both branches of the property were exercised.
        Assert.InRange(refused, Cases / 10, Cases - (Cases / 10));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_feature_at_the_edges_of_its_range_gives_finite_probabilities(ModelKind kind)
    {
        var engine = ModelKindEngines.Create(kind, new EngineConfig
        {
            SignalFilter = new SignalFilterConfig { RuleWeights = CanonicalFeatures.All.ToDictionary(f => f, _ => ParameterBounds.MaxAbsWeight) },
        });

        foreach (var useMax in new[] { true, false })
        {
            var features = CanonicalFeatures.All.Select((name, i) => (name, range: FeatureRanges.OfCanonical(i)))
                .ToDictionary(f => f.name, f => useMax ? f.range.Max : f.range.Min);
            AssertFinite(engine.Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse()), useMax ? 1 : 0);
        }
    }

    [Theory]
    [InlineData("rsi", 1e308)]
    [InlineData("rsi", 100.5)]
    [InlineData("efficiency_ratio", -0.01)]
    [InlineData("volatility_percentile", 1.0000001)]
    [InlineData("correlation", -1e-300 - 1.5)]
    [InlineData("volatility", -1e-9)]
    [InlineData("spread_bps", 1e308)]
    public void A_feature_outside_its_range_is_refused_naming_the_field(string feature, double value)
    {
        var features = Bars.TrendingFeatures();
        features[feature] = value;

        var error = Assert.Throws<InvalidInputException>(() => ModelKindEngines.Create(ModelKind.RuleBased).Predict("EURUSD", "4H", Bars.BarTime, features, Bars.Qse()));

        Assert.Equal("features." + feature, error.Field);
        Assert.Contains("outside its range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gate_value_outside_its_range_is_refused_naming_the_gate()
    {
        var qse = Bars.Qse();
        qse = qse with { Gates = qse.Gates with { ZScore = new QseGate { Passed = true, Value = 1e308 } } };

        var error = Assert.Throws<InvalidInputException>(() => ModelKindEngines.Create(ModelKind.RuleBased).Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), qse));

        Assert.Equal("qse_output.gates.z_score.value", error.Field);
    }

    [Fact]
    public void Every_canonical_feature_has_a_finite_range()
    {
        for (var i = 0; i < CanonicalFeatures.All.Count; i++)
        {
            var range = FeatureRanges.OfCanonical(i);
            Assert.True(double.IsFinite(range.Min) && double.IsFinite(range.Max) && range.Min < range.Max, CanonicalFeatures.All[i]);
        }
    }

    private static EngineConfig RandomWeights(Random random) => new()
    {
        SignalFilter = new SignalFilterConfig
        {
            RuleWeights = CanonicalFeatures.All.ToDictionary(f => f, _ => (random.NextDouble() * 2 - 1) * ParameterBounds.MaxAbsWeight),
        },
    };

    private static (Dictionary<string, double> Features, QseOutput Qse, bool InRange) RandomBar(Random random)
    {
        var inRange = true;
        var features = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < CanonicalFeatures.All.Count; i++)
        {
            var range = FeatureRanges.OfCanonical(i);
            var value = Draw(random, range);
            inRange &= range.Contains(value);
            features[CanonicalFeatures.All[i]] = value;
        }

        QseGate Gate(string name)
        {
            var range = FeatureRanges.OfGate(name);
            var value = Draw(random, range);
            inRange &= range.Contains(value);
            return new QseGate { Passed = random.Next(4) > 0, Value = value };
        }

        var qse = Bars.Qse() with
        {
            SignalValid = random.Next(4) > 0,
            Gates = new QseGates
            {
                TrendPersistence = Gate("trend_persistence"),
                Stationarity = Gate("stationarity"),
                ZScore = Gate("z_score"),
                Autocorrelation = Gate("autocorrelation"),
                SignalValidity = Gate("signal_validity"),
            },
        };
        return (features, qse, inRange);
    }

    /// <summary>Mostly in range (edges included); now and then an extreme double, a value just outside, or random bits.</summary>
    private static double Draw(Random random, FeatureRange range) => random.Next(100) switch
    {
        < 90 => range.Min + (random.NextDouble() * (range.Max - range.Min)),
        < 92 => random.Next(2) == 0 ? range.Min : range.Max,
        < 94 => random.Next(2) == 0 ? Math.BitDecrement(range.Min) : Math.BitIncrement(range.Max),
        < 98 => Extremes[random.Next(Extremes.Length)],
        _ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
    };

    private static void AssertFinite(MlDecision decision, int index)
    {
        var numbers = new List<double> { decision.Regime.Confidence, decision.Regime.EfficiencyRatio, decision.Signal.SuccessProbability };
        numbers.AddRange(decision.Regime.Probabilities.Values);
        foreach (var p in numbers.Where((_, i) => i != 1))
        {
            Assert.True(p is >= 0 and <= 1, $"case {index}: {p} is not a probability");
        }

        Assert.All(decision.Signal.TopFeatures, f => Assert.True(double.IsFinite(f.Importance), $"case {index}: importance {f.Importance}"));
        Assert.True(double.IsFinite(decision.Regime.EfficiencyRatio));
        Assert.InRange(decision.Regime.Probabilities.Values.Sum(), 1 - 1e-9, 1 + 1e-9);

        var json = JsonSerializer.Serialize(decision, ContractJson.Options);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
    }
}
