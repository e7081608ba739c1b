using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Configuration;
using Arbitrex.MlLayer.Core.Engine;
using Arbitrex.MlLayer.Core.Models;
using Arbitrex.MlLayer.Core.Monitoring;
using Arbitrex.MlLayer.Core.Registry;
using Arbitrex.MlLayer.Core.Tests.TestSupport;

namespace Arbitrex.MlLayer.Core.Tests.Monitoring;

[Trait("Category", "Unit")]
public sealed class PackedDecisionTests
{
    private static readonly string GoldenPath = Path.Combine(RepoPaths.Root, "tests", "Arbitrex.MlLayer.Core.Tests", "Engine", "Golden", "decisions.golden.json");

    public static TheoryData<string> GoldenDecisions()
    {
        var data = new TheoryData<string>();
        using var golden = JsonDocument.Parse(File.ReadAllText(GoldenPath));
        foreach (var decision in golden.RootElement.EnumerateArray())
        {
            data.Add(decision.GetRawText());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenDecisions))]
    public void Every_golden_decision_comes_back_byte_identical(string json)
    {
        var decision = JsonSerializer.Deserialize<MlDecision>(json, ContractJson.Options)!;

        var unpacked = RoundTrip(decision);

        Assert.Equal(JsonSerializer.Serialize(decision, ContractJson.Options), JsonSerializer.Serialize(unpacked, ContractJson.Options));
    }

    [Fact]
    public void Unusual_values_come_back_unchanged()
    {
        var decision = TestDecisions.Make(symbol: "ÉUR/USD €", reason: new string('x', 5000) + " \"quoted\" \u2713") with
        {
            BarTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Unspecified),
            Timestamp = new DateTime(2025, 12, 22, 13, 0, 0, DateTimeKind.Local),
            ProcessingTimeMs = double.NaN,
            ConfigHash = string.Empty,
            ModelVersions = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["signal_filter"] = "v2.0.0-ü", ["regime_classifier"] = "v1" },
            Regime = new RegimePrediction
            {
                RegimeLabel = "STRESSED",
                Confidence = double.PositiveInfinity,
                EfficiencyRatio = -0.0,
                Probabilities = new Dictionary<string, double> { ["STRESSED"] = 1e-310, ["RANGING"] = double.NegativeInfinity, ["TRENDING"] = 0.1 + 0.2 },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.55,
                ShouldEnter = false,
                ShouldExit = true,
                ConfidenceLevel = "HIGH",
                TopFeatures = [.. Enumerable.Range(0, 20).Select(i => new FeatureContribution { Name = $"feature_{i}_ß", Importance = i / 3.0 })],
            },
        };

        var unpacked = RoundTrip(decision);

        Assert.Equal(JsonSerializer.Serialize(decision, ContractJson.Options), JsonSerializer.Serialize(unpacked, ContractJson.Options));
        Assert.Equal(decision.Timestamp, unpacked.Timestamp);
        Assert.Equal(DateTimeKind.Local, unpacked.Timestamp.Kind);
        Assert.Equal(DateTimeKind.Unspecified, unpacked.BarTime.Kind);
        Assert.True(double.IsNegative(unpacked.Regime.EfficiencyRatio));
        Assert.Equal(["STRESSED", "RANGING", "TRENDING"], unpacked.Regime.Probabilities.Keys);
    }

    [Fact]
    public void Measuring_and_packing_a_decision_the_engine_made_allocate_nothing()
    {
        var engine = new InferenceEngine(new EngineConfig(), new ModelLoader(new ModelFolderArtifactSource(RepoPaths.Models)), TimeProvider.System);
        var decision = engine.Predict("EURUSD", "4H", Bars.BarTime, Bars.TrendingFeatures(), Bars.Qse());
        var slot = new byte[PackedDecision.SizeOf(decision)];
        PackedDecision.Pack(decision, slot);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PackedDecision.Pack(decision, slot.AsSpan(0, PackedDecision.SizeOf(decision)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void The_size_is_exactly_what_packing_writes()
    {
        var decision = TestDecisions.Make(reason: "Regime confidence 0.41 below 0.60");
        var size = PackedDecision.SizeOf(decision);

        PackedDecision.Pack(decision, new byte[size]);
        Assert.ThrowsAny<ArgumentException>(() => PackedDecision.Pack(decision, new byte[size - 1]));
    }

    [Fact]
    public void Symbol_and_allow_trade_are_read_in_place()
    {
        var decision = TestDecisions.Make(symbol: "GBPUSD", allowed: false);
        var packed = new byte[PackedDecision.SizeOf(decision)];
        PackedDecision.Pack(decision, packed);

        Assert.Equal("GBPUSD"u8, PackedDecision.Symbol(packed));
        Assert.True(PackedDecision.SymbolEquals(packed, "gbpusd"));
        Assert.False(PackedDecision.SymbolEquals(packed, "GBPUS"));
        Assert.False(PackedDecision.AllowTrade(packed));
    }

    [Fact]
    public void A_symbol_beyond_ascii_is_matched_ignoring_case()
    {
        var decision = TestDecisions.Make(symbol: "ÉUR/USD €");
        var packed = new byte[PackedDecision.SizeOf(decision)];
        PackedDecision.Pack(decision, packed);

        Assert.True(PackedDecision.SymbolEquals(packed, "éur/usd €"));
        Assert.False(PackedDecision.SymbolEquals(packed, "EUR/USD €"));
    }

    [Fact]
    public void Ascii_strings_take_one_byte_a_char()
    {
        var decision = TestDecisions.Make(symbol: "EURUSD");
        var longer = TestDecisions.Make(symbol: "EURUSDX");

        Assert.Equal(1, PackedDecision.SizeOf(longer) - PackedDecision.SizeOf(decision));
    }

    /// <summary>A member added to the decision must be added to <see cref="PackedDecision"/> too; this list makes that visible.</summary>
    [Fact]
    public void Packing_covers_every_member_of_the_decision_contract()
    {
        static string[] Members<T>() => [.. typeof(T).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(
            ["AllowTrade", "BarTime", "ConfigHash", "DecisionId", "DecisionReasons", "ModelVersions", "ProcessingTimeMs", "QseValid", "Regime", "Signal", "Symbol", "Timeframe", "Timestamp"],
            Members<MlDecision>());
        Assert.Equal(["Confidence", "EfficiencyRatio", "Probabilities", "RegimeLabel"], Members<RegimePrediction>());
        Assert.Equal(["ConfidenceLevel", "ShouldEnter", "ShouldExit", "SuccessProbability", "TopFeatures"], Members<SignalPrediction>());
        Assert.Equal(["Importance", "Name"], Members<FeatureContribution>());
    }

    private static MlDecision RoundTrip(MlDecision decision)
    {
        var packed = new byte[PackedDecision.SizeOf(decision)];
        PackedDecision.Pack(decision, packed);
        return PackedDecision.Unpack(packed);
    }
}
