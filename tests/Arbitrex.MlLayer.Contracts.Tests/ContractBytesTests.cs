using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Arbitrex.MlLayer.Contracts.Tests;

/// <summary>
/// Pins the bytes of every contract message as the bus, <c>/predict</c> and the audit log write them: a change to a
/// contract type, to <see cref="ContractJson.Options"/> or to the generated <see cref="ContractJsonContext"/> that
/// moves one byte fails here. The decisions' bytes are those the hand-written writer produced before the generated
/// metadata replaced it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ContractBytesTests
{
    // The admin port's options, as AdminHostingExtensions configures them: Web defaults with the contract's naming,
    // numbers and encoder, an enum converter, and the contract's generated metadata first.
    private static readonly JsonSerializerOptions HttpOptions = CreateHttpOptions();
    private static readonly JsonSerializerOptions StrictOptions = new(ContractJson.Options) { NumberHandling = JsonNumberHandling.Strict };

    private static readonly Dictionary<string, string> PinnedDecisions = new()
    {
        ["allowed"] = """
            {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.1234567Z","allow_trade":true,"regime":{"regime_label":"TRENDING","confidence":0.8749020344404307,"efficiency_ratio":0.7,"probabilities":{"RANGING":0.11840511463528447,"STRESSED":0.0066928509242848554,"TRENDING":0.8749020344404307}},"signal":{"success_probability":0.9885320702896199,"should_enter":true,"should_exit":false,"confidence_level":"HIGH","top_features":[{"name":"efficiency_ratio","importance":1.1999999999999997},{"name":"drawdown","importance":-0.04},{"name":"rsi","importance":1E-21}]},"decision_reasons":["All checks passed: TRENDING regime confidence 0.875 > 0.600, signal probability 0.989 > 0.550"],"qse_valid":true,"processing_time_ms":0.0051,"config_hash":"d713e576300ad202","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2.0.0-xgb"}}
            """,
        ["suppressed"] = """
            {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.1234567Z","allow_trade":false,"regime":{"regime_label":"TRENDING","confidence":0.8749020344404307,"efficiency_ratio":0.7,"probabilities":{"RANGING":0.11840511463528447,"STRESSED":0.0066928509242848554,"TRENDING":0.8749020344404307}},"signal":{"success_probability":0.9885320702896199,"should_enter":true,"should_exit":false,"confidence_level":"HIGH","top_features":[{"name":"efficiency_ratio","importance":1.1999999999999997},{"name":"drawdown","importance":-0.04},{"name":"rsi","importance":1E-21}]},"decision_reasons":["Regime not allowed: RANGING (allowed: TRENDING, STRESSED)"],"qse_valid":true,"processing_time_ms":0.0051,"config_hash":"d713e576300ad202","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2.0.0-xgb"}}
            """,
        ["fail_closed"] = """
            {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.1234567Z","allow_trade":false,"regime":{"regime_label":"TRENDING","confidence":0.8749020344404307,"efficiency_ratio":0.7,"probabilities":{"RANGING":0.11840511463528447,"STRESSED":0.0066928509242848554,"TRENDING":0.8749020344404307}},"signal":{"success_probability":0,"should_enter":false,"should_exit":false,"confidence_level":"LOW","top_features":[]},"decision_reasons":["Join timeout: no qse_output within 30 s","second reason"],"qse_valid":false,"processing_time_ms":0.0051,"config_hash":"d713e576300ad202","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2.0.0-xgb"}}
            """,
        ["escaping"] = """
            {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EUR/USD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.1234567Z","allow_trade":true,"regime":{"regime_label":"TRENDING","confidence":0.8749020344404307,"efficiency_ratio":0.7,"probabilities":{"RANGING":0.11840511463528447,"STRESSED":0.0066928509242848554,"TRENDING":0.8749020344404307}},"signal":{"success_probability":0.9885320702896199,"should_enter":true,"should_exit":false,"confidence_level":"HIGH","top_features":[{"name":"efficiency_ratio","importance":1.1999999999999997},{"name":"drawdown","importance":-0.04},{"name":"rsi","importance":1E-21}]},"decision_reasons":["quote \" backslash \\ newline \n tab \t <tag> & 'apostrophe' é 日本 \u0001 \uD83D\uDE00"],"qse_valid":true,"processing_time_ms":0.0051,"config_hash":"d713e576300ad202","model_versions":{"signal_filter":"v1 \"β\""}}
            """,
        ["non_finite"] = """
            {"decision_id":"d282ec26286b8cd350127f34e2362d1f","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","timestamp":"2025-12-22T12:00:00.1234567Z","allow_trade":true,"regime":{"regime_label":"TRENDING","confidence":"NaN","efficiency_ratio":"Infinity","probabilities":{"RANGING":"-Infinity"}},"signal":{"success_probability":0.9885320702896199,"should_enter":true,"should_exit":false,"confidence_level":"HIGH","top_features":[{"name":"efficiency_ratio","importance":1.1999999999999997},{"name":"drawdown","importance":-0.04},{"name":"rsi","importance":1E-21}]},"decision_reasons":["All checks passed: TRENDING regime confidence 0.875 > 0.600, signal probability 0.989 > 0.550"],"qse_valid":true,"processing_time_ms":0.0051,"config_hash":"d713e576300ad202","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2.0.0-xgb"}}
            """,
    };

    public static TheoryData<string> Decisions => [.. PinnedDecisions.Keys];

    public static TheoryData<Type> ContractTypes =>
    [
        typeof(MlDecision), typeof(FeatureSnapshot), typeof(QseOutput), typeof(TradeOutcome), typeof(RegimePrediction),
        typeof(SignalPrediction), typeof(FeatureContribution), typeof(QseGates), typeof(QseGate),
    ];

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_decision_is_written_byte_for_byte_as_pinned(string name)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Decision(name), ContractJson.Options);

        Assert.Equal(PinnedDecisions[name], System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public void The_admin_http_options_write_the_same_decision_bytes(string name) =>
        Assert.Equal(
            "{\"prediction\":" + PinnedDecisions[name] + "}",
            JsonSerializer.Serialize(new { prediction = Decision(name) }, HttpOptions));

    [Fact]
    public void Bar_halves_and_outcomes_are_written_byte_for_byte_as_pinned()
    {
        var barTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);
        var snapshot = new FeatureSnapshot
        {
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            Features = new Dictionary<string, double> { ["momentum_score"] = 0.42, ["rsi"] = double.NaN, ["drawdown"] = double.NegativeInfinity },
        };
        var gate = new QseGate { Passed = true, Value = 0.71 };
        var qse = new QseOutput
        {
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            SignalValid = false,
            Gates = new QseGates { TrendPersistence = gate, Stationarity = gate with { Passed = false }, ZScore = gate with { Value = 1.8 }, Autocorrelation = gate, SignalValidity = gate },
        };
        var outcome = new TradeOutcome { DecisionId = "d282ec26", Symbol = "EURUSD", Timeframe = "4H", BarTime = barTime, Success = true, RealizedReturn = -0.0125 };

        Assert.Equal(
            """{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","features":{"momentum_score":0.42,"rsi":"NaN","drawdown":"-Infinity"}}""",
            JsonSerializer.Serialize(snapshot, ContractJson.Options));
        Assert.Equal(
            """{"symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","signal_valid":false,"gates":{"trend_persistence":{"passed":true,"value":0.71},"stationarity":{"passed":false,"value":0.71},"z_score":{"passed":true,"value":1.8},"autocorrelation":{"passed":true,"value":0.71},"signal_validity":{"passed":true,"value":0.71}}}""",
            JsonSerializer.Serialize(qse, ContractJson.Options));
        Assert.Equal(
            """{"decision_id":"d282ec26","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","success":true,"realized_return":-0.0125,"closed_at":null}""",
            JsonSerializer.Serialize(outcome, ContractJson.Options));
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void Every_contract_type_is_described_by_the_generated_context(Type type) =>
        Assert.Same(ContractJsonContext.Default, ContractJson.Options.GetTypeInfo(type).OriginatingResolver);

    [Fact]
    public void A_type_outside_the_contract_is_refused_rather_than_read_by_reflection() =>
        Assert.Throws<NotSupportedException>(() => ContractJson.Options.GetTypeInfo(typeof(Dictionary<string, string[]>)));

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Reads_back_what_it_wrote(string name)
    {
        var read = JsonSerializer.Deserialize<MlDecision>(PinnedDecisions[name], ContractJson.Options)!;

        Assert.Equal(PinnedDecisions[name], JsonSerializer.Serialize(read, ContractJson.Options));
    }

    [Fact]
    public void Refuses_a_non_finite_number_when_the_options_do_not_allow_named_literals()
    {
        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Serialize(Decision("non_finite"), StrictOptions));
    }

    private static JsonSerializerOptions CreateHttpOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = ContractJson.Options.PropertyNamingPolicy,
            NumberHandling = ContractJson.Options.NumberHandling,
            Encoder = ContractJson.Options.Encoder,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.TypeInfoResolverChain.Insert(0, ContractJsonContext.Default);
        return options;
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
