using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arbitrex.MlLayer.Contracts.Tests;

[Trait("Category", "Unit")]
public sealed class MlDecisionJsonConverterTests
{
    // The admin port's options: Web defaults with the contract's naming, numbers and encoder, plus an enum converter.
    private static readonly JsonSerializerOptions HttpOptions = CreateHttpOptions(withDecisionConverter: false);
    private static readonly JsonSerializerOptions HttpOptionsWithConverter = CreateHttpOptions(withDecisionConverter: true);
    private static readonly JsonSerializerOptions ReflectionOptions = WithoutConverter(ContractJson.Options);
    private static readonly JsonSerializerOptions StrictOptions = new(ContractJson.Options) { NumberHandling = JsonNumberHandling.Strict };

    public static TheoryData<string> Decisions => ["allowed", "suppressed", "fail_closed", "escaping", "non_finite"];

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Writes_the_same_bytes_as_the_reflection_serializer(string name)
    {
        var decision = Decision(name);

        var reflection = JsonSerializer.Serialize(decision, ReflectionOptions);
        var converter = JsonSerializer.Serialize(decision, ContractJson.Options);

        Assert.Equal(reflection, converter);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Writes_the_same_bytes_under_the_admin_http_options(string name) =>
        Assert.Equal(
            JsonSerializer.Serialize(new { prediction = Decision(name) }, HttpOptions),
            JsonSerializer.Serialize(new { prediction = Decision(name) }, HttpOptionsWithConverter));

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        var decision = Decision("allowed");

        var read = JsonSerializer.Deserialize<MlDecision>(JsonSerializer.Serialize(decision, ContractJson.Options), ContractJson.Options)!;

        Assert.Equal(JsonSerializer.Serialize(decision, ContractJson.Options), JsonSerializer.Serialize(read, ContractJson.Options));
        Assert.Equal(decision.Regime.Probabilities, read.Regime.Probabilities);
    }

    [Fact]
    public void Refuses_a_non_finite_number_when_the_options_do_not_allow_named_literals()
    {
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Serialize(Decision("non_finite"), StrictOptions));
    }

    private static JsonSerializerOptions CreateHttpOptions(bool withDecisionConverter)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = ContractJson.Options.PropertyNamingPolicy,
            NumberHandling = ContractJson.Options.NumberHandling,
            Encoder = ContractJson.Options.Encoder,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        if (withDecisionConverter)
        {
            options.Converters.Add(new MlDecisionJsonConverter());
        }

        return options;
    }

    private static JsonSerializerOptions WithoutConverter(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        var converter = Assert.Single(copy.Converters.OfType<MlDecisionJsonConverter>());
        copy.Converters.Remove(converter);
        return copy;
    }

    private static MlDecision Decision(string name)
    {
        var barTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);
        var allowed = new MlDecision
        {
            DecisionId = "d282ec26286b8cd350127f34e2362d1f",
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            Timestamp = barTime.AddTicks(1_234_567),
            AllowTrade = true,
            Regime = new RegimePrediction
            {
                RegimeLabel = "TRENDING",
                Confidence = 0.8749020344404307,
                EfficiencyRatio = 0.7,
                Probabilities = new Dictionary<string, double> { ["RANGING"] = 0.11840511463528447, ["STRESSED"] = 0.0066928509242848554, ["TRENDING"] = 0.8749020344404307 },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.9885320702896199,
                ShouldEnter = true,
                ShouldExit = false,
                ConfidenceLevel = "HIGH",
                TopFeatures =
                [
                    new FeatureContribution { Name = "efficiency_ratio", Importance = 1.1999999999999997 },
                    new FeatureContribution { Name = "drawdown", Importance = -0.04 },
                    new FeatureContribution { Name = "rsi", Importance = 1e-21 },
                ],
            },
            DecisionReasons = ["All checks passed: TRENDING regime confidence 0.875 > 0.600, signal probability 0.989 > 0.550"],
            QseValid = true,
            ProcessingTimeMs = 0.0051,
            ConfigHash = "d713e576300ad202",
            ModelVersions = new SortedDictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v2.0.0-xgb" },
        };
        return name switch
        {
            "allowed" => allowed,
            "suppressed" => allowed with { AllowTrade = false, DecisionReasons = ["Regime not allowed: RANGING (allowed: TRENDING, STRESSED)"] },
            "fail_closed" => allowed with
            {
                AllowTrade = false,
                Signal = allowed.Signal with { SuccessProbability = 0, ShouldEnter = false, ConfidenceLevel = "LOW", TopFeatures = [] },
                DecisionReasons = ["Join timeout: no qse_output within 30 s", "second reason"],
                QseValid = false,
            },
            "escaping" => allowed with
            {
                Symbol = "EUR/USD",
                DecisionReasons = ["quote \" backslash \\ newline \n tab \t <tag> & 'apostrophe' é 日本 \u0001 \U0001F600"],
                ModelVersions = new Dictionary<string, string> { ["signal_filter"] = "v1 \"β\"" },
            },
            "non_finite" => allowed with
            {
                Regime = allowed.Regime with { Confidence = double.NaN, EfficiencyRatio = double.PositiveInfinity, Probabilities = new Dictionary<string, double> { ["RANGING"] = double.NegativeInfinity } },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
