using System.Text.Json;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditRecordTypesTests
{
    [Fact]
    public async Task Other_record_types_share_the_chain_and_verify_with_the_decisions()
    {
        using var dir = new TempDirectory();
        await WriteMixedAsync(dir.Path);

        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.True(result.IsIntact, result.Fault?.Detail);
        Assert.Equal(5, result.RecordsVerified);
    }

    [Fact]
    public async Task An_event_line_names_its_type_after_the_sequence_and_carries_its_payload_in_snake_case()
    {
        using var dir = new TempDirectory();
        await WriteMixedAsync(dir.Path);

        var line = Lines(ActiveFile(dir.Path))[1];

        Assert.StartsWith("{\"sequence\":2,\"record_type\":\"outcome\",\"timestamp\":\"", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("D-1", json.RootElement.GetProperty("decision_id").GetString());
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(0.0125, json.RootElement.GetProperty("realized_return").GetDouble());
    }

    [Fact]
    public async Task Reading_records_yields_the_decision_shaped_lines_and_reading_events_yields_one_type()
    {
        using var dir = new TempDirectory();
        await WriteMixedAsync(dir.Path);

        var records = AuditLogReader.Read(dir.Path).ToList();
        var outcomes = AuditLogReader.ReadEvents(dir.Path, AuditRecordTypes.Outcome).ToList();

        Assert.Equal([1L, 3L, 5L], records.Select(r => r.Sequence));
        Assert.Equal([DecisionSource.Bus, DecisionSource.Shadow, DecisionSource.Bus], records.Select(r => r.Source));
        Assert.Equal(AuditRecordTypes.ShadowDecision, records[1].RecordType);
        Assert.Null(records[0].RecordType);
        Assert.Equal([2L], outcomes.Select(o => o.Sequence));
        var outcome = outcomes[0].Read<AuditedOutcome>();
        Assert.Equal(("D-1", true, (double?)0.0125), (outcome.DecisionId, outcome.Success, outcome.RealizedReturn));
        Assert.Equal([4L], AuditLogReader.ReadNewestEvents(dir.Path, 1, AuditRecordTypes.BaselineCapture).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_writer_resumes_after_an_event_line_and_the_tail_check_accepts_it()
    {
        using var dir = new TempDirectory();
        await using (var writer = Writer(dir.Path))
        {
            await AppendAsync(writer, 1);
            await writer.AppendEventAsync(AuditRecordTypes.Outcome, Outcome("D-1", false, null));
        }

        Assert.Null(AuditTail.Problem(dir.Path));
        await using (var writer = Writer(dir.Path))
        {
            Assert.Equal(2, writer.LastSequence);
            await AppendAsync(writer, 2);
        }

        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task An_edited_event_line_is_caught_by_verify()
    {
        using var dir = new TempDirectory();
        await WriteMixedAsync(dir.Path);
        var lines = Lines(ActiveFile(dir.Path));
        lines[1] = lines[1].Replace("\"success\":true", "\"success\":false", StringComparison.Ordinal);
        WriteLines(ActiveFile(dir.Path), lines);

        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.Equal(AuditFaultKind.Edited, result.Fault?.Kind);
        Assert.Equal(2, result.Fault?.Sequence);
    }

    [Fact]
    public async Task Replay_ignores_shadow_decisions_and_other_record_types()
    {
        using var dir = new TempDirectory();
        await WriteMixedAsync(dir.Path);
        var decided = new List<long>();

        var report = new AuditReplay(record =>
        {
            decided.Add(record.Sequence);
            return record.ToDecision();
        }).Run(dir.Path);

        Assert.Equal(2, report.Records);
        Assert.Equal([1L, 5L], decided);
    }

    [Fact]
    public async Task A_decision_shaped_type_is_refused_as_an_event()
    {
        using var dir = new TempDirectory();
        await using var writer = Writer(dir.Path);

        await Assert.ThrowsAsync<ArgumentException>(async () => await writer.AppendEventAsync(AuditRecordTypes.ShadowDecision, Outcome("D-1", true, null)));
    }

    [Fact]
    public async Task A_payload_type_the_audit_file_does_not_list_is_refused_and_nothing_is_appended()
    {
        using var dir = new TempDirectory();
        await using (var writer = Writer(dir.Path))
        {
            await AppendAsync(writer, 1);
            await Assert.ThrowsAsync<NotSupportedException>(async () => await writer.AppendEventAsync(AuditRecordTypes.Outcome, new UnlistedPayload("D-1")));
        }

        Assert.Single(Lines(ActiveFile(dir.Path)));
    }

    /// <summary>decision, outcome, shadow decision, baseline capture, decision.</summary>
    private static async Task WriteMixedAsync(string directory)
    {
        await using var writer = Writer(directory);
        await AppendAsync(writer, 1);
        await writer.AppendEventAsync(AuditRecordTypes.Outcome, Outcome("D-1", true, 0.0125));
        var shadow = Decision(2);
        await writer.AppendAsync(shadow, Features(2), Qse("EURUSD", shadow.BarTime), DecisionSource.Shadow);
        await writer.AppendEventAsync(AuditRecordTypes.BaselineCapture, new BaselineCaptureRecord("signal_filter", "v2", 500, 16, true, new string('a', 64), "anonymous", "127.0.0.1"));
        await AppendAsync(writer, 3);
    }

    private static AuditedOutcome Outcome(string decisionId, bool success, double? realizedReturn) => new()
    {
        DecisionId = decisionId,
        Symbol = "EURUSD",
        Timeframe = "1H",
        BarTime = new DateTime(2024, 1, 2, 3, 0, 0, DateTimeKind.Utc),
        Success = success,
        RealizedReturn = realizedReturn,
        SignalProb = 0.7,
        Allowed = true,
        Regime = "TRENDING",
        ModelVersions = new Dictionary<string, string> { ["signal_filter"] = "v1" },
        ConfigHash = "abc",
    };

    private sealed record UnlistedPayload(string DecisionId);
}
