using System.Text;
using System.Text.Json;
using Arbitrex.MlLayer.Contracts;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditRecordTests
{
    private static readonly string[] LineMembers =
    [
        "sequence", "decision_id", "source", "timestamp", "symbol", "timeframe", "bar_time", "regime", "regime_confidence",
        "regime_probabilities", "efficiency_ratio", "signal_prob", "should_enter", "should_exit", "confidence_level",
        "top_features", "allowed", "decision_reasons", "qse_valid", "processing_time_ms", "config_hash", "model_versions",
        "features", "qse", "prev_hash", "hash",
    ];

    [Fact]
    public void FromDecision_carries_every_field_of_the_decision_and_both_inputs()
    {
        var decision = Decision(7, allowed: true, regime: "TRENDING");
        var features = Features(7);
        var qse = Qse("EURUSD", decision.BarTime);

        var record = AuditRecord.FromDecision(decision, features, qse);

        Assert.Equal(decision.DecisionId, record.DecisionId);
        Assert.Equal(decision.Timestamp, record.Timestamp);
        Assert.Equal("EURUSD", record.Symbol);
        Assert.Equal("4H", record.Timeframe);
        Assert.Equal(decision.BarTime, record.BarTime);
        Assert.Equal("TRENDING", record.Regime);
        Assert.Equal(0.5, record.RegimeConfidence);
        Assert.Equal(0.2, record.RegimeProbabilities["STRESSED"]);
        Assert.Equal(0.31, record.EfficiencyRatio);
        Assert.Equal(0.472, record.SignalProb);
        Assert.False(record.ShouldEnter);
        Assert.True(record.ShouldExit);
        Assert.Equal("LOW", record.ConfidenceLevel);
        Assert.Equal("volatility", record.TopFeatures[1].Name);
        Assert.True(record.Allowed);
        Assert.Equal(["All checks passed"], record.DecisionReasons);
        Assert.True(record.QseValid);
        Assert.Equal(0.004, record.ProcessingTimeMs);
        Assert.Equal("eb865791dc659ec1", record.ConfigHash);
        Assert.Equal("v1.0.0", record.ModelVersions["signal_filter"]);
        Assert.Same(features, record.Features);
        Assert.True(record.Qse!.SignalValid);
        Assert.Same(qse.Gates, record.Qse.Gates);
        Assert.True(record.HasInputs);
        Assert.Equal(0, record.Sequence);
        Assert.Empty(record.PrevHash);
        Assert.Empty(record.Hash);
    }

    [Fact]
    public void ToDecision_gives_back_the_decision_the_record_was_made_from()
    {
        var decision = Decision(3);

        var back = AuditRecord.FromDecision(decision, Features(3), null).ToDecision();

        Assert.Equal(JsonSerializer.Serialize(decision, ContractJson.Options), JsonSerializer.Serialize(back, ContractJson.Options));
    }

    [Fact]
    public void ToQseOutput_rebuilds_the_qse_message_with_the_records_bar_key()
    {
        var decision = Decision(4);
        var qse = Qse("EURUSD", decision.BarTime, valid: false);

        var back = AuditRecord.FromDecision(decision, Features(4), qse).ToQseOutput();

        Assert.Equal(JsonSerializer.Serialize(qse, ContractJson.Options), JsonSerializer.Serialize(back, ContractJson.Options));
    }

    [Fact]
    public void A_fail_closed_decision_without_inputs_has_null_features_and_qse()
    {
        var record = AuditRecord.FromDecision(Decision(1), null, null);

        Assert.Null(record.Features);
        Assert.Null(record.Qse);
        Assert.False(record.HasInputs);
        Assert.Null(record.ToQseOutput());
    }

    [Fact]
    public async Task A_written_line_is_flat_snake_case_json_with_sequence_first_and_hash_last()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 1);

        using var json = JsonDocument.Parse(Lines(ActiveFile(dir.Path))[0]);

        var root = json.RootElement;
        Assert.Equal(LineMembers, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("bus", root.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("timestamp").ValueKind);
        Assert.Equal("2025-12-22T16:00:00.1875Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("2025-12-22T16:00:00Z", root.GetProperty("bar_time").GetString());
        Assert.Equal("RANGING", root.GetProperty("regime").GetString());
        Assert.Equal(0.472, root.GetProperty("signal_prob").GetDouble());
        Assert.False(root.GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("decision_reasons").ValueKind);
        Assert.Equal(16, root.GetProperty("features").EnumerateObject().Count());
        Assert.True(root.GetProperty("qse").GetProperty("gates").GetProperty("z_score").GetProperty("passed").GetBoolean());
        Assert.Equal(1.8, root.GetProperty("qse").GetProperty("gates").GetProperty("z_score").GetProperty("value").GetDouble());
        Assert.Equal(new string('0', 64), root.GetProperty("prev_hash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task A_record_written_before_the_source_field_existed_reads_as_a_bus_decision()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 1);
        var line = Lines(ActiveFile(dir.Path))[0];
        Assert.Contains(",\"source\":\"bus\"", line, StringComparison.Ordinal);

        var record = AuditLineFormat.Deserialize(Encoding.UTF8.GetBytes(line.Replace(",\"source\":\"bus\"", string.Empty, StringComparison.Ordinal)));

        Assert.Equal(DecisionSource.Bus, record.Source);
    }

    [Fact]
    public async Task A_record_read_back_serialises_to_exactly_the_line_that_was_written()
    {
        using var dir = new TempDirectory();
        var decision = Decision(9, allowed: true, regime: "TRENDING") with { DecisionReasons = ["Signal probability 0.71 > 0.55 & regime TRENDING"] };
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            await writer.AppendAsync(Decision(8), null, null);
            await writer.AppendAsync(decision, Features(9), Qse("EURUSD", decision.BarTime), DecisionSource.Http);
        }

        var lines = Lines(ActiveFile(dir.Path));
        var records = AuditLogReader.Read(dir.Path).ToList();

        Assert.Equal(2, records.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(lines[i], JsonSerializer.Serialize(records[i], AuditJson.Options));
        }

        var expected = AuditRecord.FromDecision(decision, Features(9), Qse("EURUSD", decision.BarTime), DecisionSource.Http) with
        {
            Sequence = 2,
            PrevHash = records[0].Hash,
            Hash = records[1].Hash,
        };
        Assert.Equal(JsonSerializer.Serialize(expected, AuditJson.Options), lines[1]);
        Assert.Contains("0.71 > 0.55 & regime", lines[1], StringComparison.Ordinal);
        Assert.Equal([DecisionSource.Bus, DecisionSource.Http], records.Select(r => r.Source));
        Assert.Null(records[0].Features);
        Assert.Null(records[0].Qse);
    }
}
