using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Audit;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class ChangeLogFileTests
{
    private static JsonObject Change(int n) => new() { ["action"] = "config.update", ["changed_by"] = "loopback", ["n"] = n };

    [Fact]
    public void Appended_records_form_a_chain_that_verifies()
    {
        using var dir = new TempDirectory();
        var log = new ChangeLogFile(Path.Combine(dir.Path, ChangeLogFile.FileName));

        var sequences = Enumerable.Range(1, 3).Select(n => log.Append(Change(n))).ToArray();
        var result = AuditChainVerifier.VerifyChangeLog(log.Path);

        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.True(result.IsIntact, result.Fault?.ToString());
        Assert.Equal(3, result.RecordsVerified);
        var first = JsonNode.Parse(File.ReadLines(log.Path).First())!;
        Assert.Equal(new string('0', 64), first["prev_hash"]!.GetValue<string>());
    }

    [Fact]
    public void A_new_writer_continues_the_chain_of_the_file()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, ChangeLogFile.FileName);
        new ChangeLogFile(path).Append(Change(1));

        var next = new ChangeLogFile(path).Append(Change(2));

        Assert.Equal(2, next);
        Assert.True(AuditChainVerifier.VerifyChangeLog(path).IsIntact);
    }

    [Fact]
    public void An_edited_record_is_reported_with_its_line()
    {
        using var dir = new TempDirectory();
        var log = new ChangeLogFile(Path.Combine(dir.Path, ChangeLogFile.FileName));
        for (var n = 1; n <= 3; n++)
        {
            log.Append(Change(n));
        }

        var lines = File.ReadAllLines(log.Path);
        lines[1] = lines[1].Replace("loopback", "key:00000000", StringComparison.Ordinal);
        File.WriteAllText(log.Path, string.Join('\n', lines) + "\n");
        var result = AuditChainVerifier.VerifyChangeLog(log.Path);

        Assert.Equal(AuditFaultKind.Edited, result.Fault!.Kind);
        Assert.Equal(2, result.Fault.LineNumber);
    }

    [Fact]
    public void Unchained_lines_written_before_are_kept_and_anchored_by_the_first_chained_record()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, ChangeLogFile.FileName);
        File.WriteAllText(path, """
            {"timestamp":"2025-12-22T12:00:00Z","changed_by":"api-key@127.0.0.1","patch":{}}
            {"timestamp":"2025-12-22T13:00:00Z","changed_by":"loopback@127.0.0.1","patch":{}}

            """.ReplaceLineEndings("\n"));

        var sequence = new ChangeLogFile(path).Append(Change(3));
        var intact = AuditChainVerifier.VerifyChangeLog(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("13:00:00", "14:00:00", StringComparison.Ordinal));
        var edited = AuditChainVerifier.VerifyChangeLog(path);

        Assert.Equal(3, sequence);
        Assert.True(intact.IsIntact, intact.Fault?.ToString());
        Assert.Equal(AuditFaultKind.BrokenLink, edited.Fault!.Kind);
        Assert.Equal(3, edited.Fault.LineNumber);
    }

    [Fact]
    public void A_deleted_record_breaks_the_chain()
    {
        using var dir = new TempDirectory();
        var log = new ChangeLogFile(Path.Combine(dir.Path, ChangeLogFile.FileName));
        for (var n = 1; n <= 3; n++)
        {
            log.Append(Change(n));
        }

        var lines = File.ReadAllLines(log.Path).ToList();
        lines.RemoveAt(1);
        File.WriteAllText(log.Path, string.Join('\n', lines) + "\n");

        Assert.Equal(AuditFaultKind.Missing, AuditChainVerifier.VerifyChangeLog(log.Path).Fault!.Kind);
    }
}
