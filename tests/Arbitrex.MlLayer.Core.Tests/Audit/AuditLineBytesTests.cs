using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>
/// Pins whole audit lines, hashes included: the chain an outside verifier recomputes must not move when the
/// serializer behind the record does. The lines are those the hand-written record writer produced before the
/// generated metadata replaced it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AuditLineBytesTests
{
    private static readonly string[] PinnedLines =
    [
        """
        {"sequence":1,"decision_id":"d282ec26286b8cd350127f34e2362d1f","source":"bus","timestamp":"2025-12-22T12:00:00.1870123Z","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","regime":"RANGING","regime_confidence":0.5,"regime_probabilities":{"TRENDING":0.3,"RANGING":0.5,"STRESSED":"-Infinity"},"efficiency_ratio":"Infinity","signal_prob":0.472,"should_enter":false,"should_exit":true,"confidence_level":"LOW","top_features":[{"name":"momentum_score","importance":-1E-21},{"name":"rsi","importance":0.12}],"allowed":false,"decision_reasons":["Signal probability 0.472 <= 0.55 & \"quoted\" é 日本 \\ \n \u0001 \uD83D\uDE00"],"qse_valid":true,"processing_time_ms":0.004,"config_hash":"eb865791dc659ec1","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2 \"β\""},"features":{"momentum_score":0.42,"rsi":"NaN","drawdown":-0},"qse":{"signal_valid":true,"gates":{"trend_persistence":{"passed":true,"value":0.71},"stationarity":{"passed":true,"value":0.02},"z_score":{"passed":true,"value":"NaN"},"autocorrelation":{"passed":true,"value":0.71},"signal_validity":{"passed":false,"value":0.71}}},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","hash":"9a09bd03222b877fbf258bca55ea46bb6eeadfbd741c2a5a69dba5284fd1a066"}
        """,
        """
        {"sequence":2,"decision_id":"http-1","source":"http","timestamp":"2025-12-22T12:00:00.1870123Z","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","regime":"RANGING","regime_confidence":0.5,"regime_probabilities":{"TRENDING":0.3,"RANGING":0.5,"STRESSED":"-Infinity"},"efficiency_ratio":"Infinity","signal_prob":0.472,"should_enter":false,"should_exit":true,"confidence_level":"LOW","top_features":[{"name":"momentum_score","importance":-1E-21},{"name":"rsi","importance":0.12}],"allowed":true,"decision_reasons":[],"qse_valid":true,"processing_time_ms":0.004,"config_hash":"eb865791dc659ec1","model_versions":{"regime_classifier":"v1.0.0","signal_filter":"v2 \"β\""},"features":null,"qse":null,"prev_hash":"9a09bd03222b877fbf258bca55ea46bb6eeadfbd741c2a5a69dba5284fd1a066","hash":"6a1a0f6e7213f5845bbde5b9eb65ca0b31c6e7717a3b30464d0289ab75df141c"}
        """,
        """
        {"sequence":3,"record_type":"shadow_decision","decision_id":"shadow-1","source":"shadow","timestamp":"2025-12-22T12:00:00.1870123Z","symbol":"EURUSD","timeframe":"4H","bar_time":"2025-12-22T12:00:00Z","regime":"RANGING","regime_confidence":0.5,"regime_probabilities":{"TRENDING":0.3,"RANGING":0.5,"STRESSED":"-Infinity"},"efficiency_ratio":"Infinity","signal_prob":0.472,"should_enter":false,"should_exit":true,"confidence_level":"LOW","top_features":[{"name":"momentum_score","importance":-1E-21},{"name":"rsi","importance":0.12}],"allowed":false,"decision_reasons":["Signal probability 0.472 <= 0.55 & \"quoted\" é 日本 \\ \n \u0001 \uD83D\uDE00"],"qse_valid":true,"processing_time_ms":0.004,"config_hash":"eb865791dc659ec1","model_versions":{},"features":{"momentum_score":0.42,"rsi":"NaN","drawdown":-0},"qse":{"signal_valid":true,"gates":{"trend_persistence":{"passed":true,"value":0.71},"stationarity":{"passed":true,"value":0.02},"z_score":{"passed":true,"value":"NaN"},"autocorrelation":{"passed":true,"value":0.71},"signal_validity":{"passed":false,"value":0.71}}},"prev_hash":"6a1a0f6e7213f5845bbde5b9eb65ca0b31c6e7717a3b30464d0289ab75df141c","hash":"bf36097cd8702e46b0c840a0f06668fa0442f31466ef797e6c3793cd91b5a8be"}
        """,
    ];

    [Fact]
    public async Task Decision_lines_are_written_byte_for_byte_as_pinned()
    {
        using var dir = new TempDirectory();
        await using (var writer = Writer(dir.Path))
        {
            await WriteRecordsAsync(writer);
        }

        Assert.Equal(PinnedLines, Lines(ActiveFile(dir.Path)));
    }

    [Fact]
    public void Pinned_lines_verify_as_a_chain()
    {
        using var dir = new TempDirectory();
        WriteLines(ActiveFile(dir.Path), PinnedLines);

        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.True(result.IsIntact, result.Fault?.ToString());
        Assert.Equal(3, result.RecordsVerified);
    }

    /// <summary>A bus decision with non-finite numbers and characters to escape, an HTTP one without inputs, and a shadow one.</summary>
    private static async Task WriteRecordsAsync(AuditLogWriter writer)
    {
        var barTime = new DateTime(2025, 12, 22, 12, 0, 0, DateTimeKind.Utc);
        var gate = new QseGate { Passed = true, Value = 0.71 };
        var qse = new QseOutput
        {
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            SignalValid = true,
            Gates = new QseGates { TrendPersistence = gate, Stationarity = gate with { Value = 0.02 }, ZScore = gate with { Value = double.NaN }, Autocorrelation = gate, SignalValidity = gate with { Passed = false } },
        };
        var decision = new MlDecision
        {
            DecisionId = "d282ec26286b8cd350127f34e2362d1f",
            Symbol = "EURUSD",
            Timeframe = "4H",
            BarTime = barTime,
            Timestamp = barTime.AddTicks(1_870_123),
            AllowTrade = false,
            Regime = new RegimePrediction
            {
                RegimeLabel = "RANGING",
                Confidence = 0.5,
                EfficiencyRatio = double.PositiveInfinity,
                Probabilities = new Dictionary<string, double> { ["TRENDING"] = 0.3, ["RANGING"] = 0.5, ["STRESSED"] = double.NegativeInfinity },
            },
            Signal = new SignalPrediction
            {
                SuccessProbability = 0.47199999999999998,
                ShouldEnter = false,
                ShouldExit = true,
                ConfidenceLevel = "LOW",
                TopFeatures = [new FeatureContribution { Name = "momentum_score", Importance = -1e-21 }, new FeatureContribution { Name = "rsi", Importance = 0.12 }],
            },
            DecisionReasons = ["Signal probability 0.472 <= 0.55 & \"quoted\" é 日本 \\ \n \u0001 \U0001F600"],
            QseValid = true,
            ProcessingTimeMs = 0.004,
            ConfigHash = "eb865791dc659ec1",
            ModelVersions = new Dictionary<string, string> { ["regime_classifier"] = "v1.0.0", ["signal_filter"] = "v2 \"β\"" },
        };
        var features = new Dictionary<string, double> { ["momentum_score"] = 0.42, ["rsi"] = double.NaN, ["drawdown"] = -0.0 };
        await writer.AppendAsync(decision, features, qse);
        await writer.AppendAsync(decision with { DecisionId = "http-1", AllowTrade = true, DecisionReasons = [] }, null, null, DecisionSource.Http);
        await writer.AppendAsync(decision with { DecisionId = "shadow-1", ModelVersions = new Dictionary<string, string>() }, features, qse, DecisionSource.Shadow);
    }
}
