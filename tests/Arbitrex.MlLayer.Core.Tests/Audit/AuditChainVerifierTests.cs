using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Integration")]
public sealed class AuditChainVerifierTests
{
    [Fact]
    public async Task An_untouched_log_verifies_and_reports_its_extent()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 12);

        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.True(result.IsIntact);
        Assert.Null(result.Fault);
        Assert.Equal(12, result.RecordsVerified);
        Assert.Equal(1, result.FirstSequence);
        Assert.Equal(12, result.LastSequence);
        Assert.Equal(AuditLogReader.Read(dir.Path).Last().Hash, result.LastHash);
    }

    [Fact]
    public async Task An_edited_record_is_reported_at_its_line()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        lines[4] = lines[4].Replace("\"allowed\":false", "\"allowed\":true", StringComparison.Ordinal);
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 4);

        Assert.Equal(AuditFaultKind.Edited, fault.Kind);
        Assert.Equal(path, fault.File);
        Assert.Equal(5, fault.LineNumber);
        Assert.Equal(5, fault.Sequence);
    }

    [Fact]
    public async Task A_deleted_record_is_reported_where_its_sequence_is_missing()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        lines.RemoveAt(4);
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 4);

        Assert.Equal(AuditFaultKind.Missing, fault.Kind);
        Assert.Equal(5, fault.LineNumber);
        Assert.Equal(6, fault.Sequence);
        Assert.Equal(5, fault.ExpectedSequence);
        Assert.Contains("sequence 5 is missing", fault.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordered_records_are_reported_at_the_first_one_out_of_place()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        (lines[4], lines[5]) = (lines[5], lines[4]);
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 4);

        Assert.Equal(AuditFaultKind.Reordered, fault.Kind);
        Assert.Equal(5, fault.LineNumber);
        Assert.Equal(6, fault.Sequence);
        Assert.Contains($"appears later, at {path}:6", fault.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_moved_back_behind_a_later_one_is_reported_as_reordered()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        var moved = lines[2];
        lines.RemoveAt(2);
        lines.Add(moved);
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 2);

        Assert.Equal(AuditFaultKind.Reordered, fault.Kind);
        Assert.Equal(3, fault.LineNumber);
        Assert.Contains("appears later, at " + path + ":10", fault.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicated_record_is_reported_as_out_of_order()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 6);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        lines.Insert(4, lines[3]);
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 4);

        Assert.Equal(AuditFaultKind.Reordered, fault.Kind);
        Assert.Equal(5, fault.LineNumber);
        Assert.Equal(4, fault.Sequence);
    }

    [Fact]
    public async Task A_file_cut_inside_a_record_is_reported_as_truncated()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 8);
        var path = ActiveFile(dir.Path);
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..^200]);

        var fault = AssertBroken(dir.Path, 7);

        Assert.Equal(AuditFaultKind.Truncated, fault.Kind);
        Assert.Equal(8, fault.LineNumber);
        Assert.Equal(8, fault.Sequence);
    }

    [Fact]
    public async Task A_line_that_is_not_json_is_reported_as_broken()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 5);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        lines[1] = lines[1][..40] + lines[1][80..];
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 1);

        Assert.Equal(AuditFaultKind.BrokenJson, fault.Kind);
        Assert.Equal(2, fault.LineNumber);
    }

    [Fact]
    public async Task A_rewritten_record_with_a_recomputed_hash_breaks_the_link_to_the_next_one()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var path = ActiveFile(dir.Path);
        var lines = Lines(path);
        lines[4] = Rehash(lines[4].Replace("\"allowed\":false", "\"allowed\":true", StringComparison.Ordinal));
        WriteLines(path, lines);

        var fault = AssertBroken(dir.Path, 5);

        Assert.Equal(AuditFaultKind.BrokenLink, fault.Kind);
        Assert.Equal(6, fault.LineNumber);
        Assert.Equal(6, fault.Sequence);
    }

    [Fact]
    public async Task The_chain_is_followed_across_rotated_files_and_a_deleted_file_is_found()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 40, o => o.MaxFileBytes = 8 * 1024);
        var files = AuditFiles.ChainFiles(dir.Path);
        Assert.True(files.Count >= 4);
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
        var removedFirst = AuditLogReader.Read(files[1]).First().Sequence;
        var nextFirst = AuditLogReader.Read(files[2]).First().Sequence;

        File.Delete(files[1]);
        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.False(result.IsIntact);
        Assert.Equal(AuditFaultKind.Missing, result.Fault!.Kind);
        Assert.Equal(files[2], result.Fault.File);
        Assert.Equal(1, result.Fault.LineNumber);
        Assert.Equal(nextFirst, result.Fault.Sequence);
        Assert.Equal(removedFirst, result.Fault.ExpectedSequence);
    }

    [Fact]
    public async Task A_live_writer_rotating_between_the_listing_and_the_active_file_is_followed_not_reported_missing()
    {
        using var dir = new TempDirectory();
        await using var writer = Writer(dir.Path, o => o.MaxFileBytes = 4 * 1024);
        var written = 0;
        while (AuditFiles.RotatedFiles(dir.Path).Count == 0)
        {
            await AppendAsync(writer, ++written);
        }

        var listed = AuditFiles.ChainFiles(dir.Path);
        var rotations = 0;

        var result = AuditChainVerifier.Verify(dir.Path, beforeOpen: path =>
        {
            if (path == ActiveFile(dir.Path) && rotations++ == 0)
            {
                // Two rotations: the new active file starts two files past what was listed.
                Task.Run(async () =>
                {
                    while (AuditFiles.RotatedFiles(dir.Path).Count < listed.Count + 1)
                    {
                        await AppendAsync(writer, ++written);
                    }
                }).GetAwaiter().GetResult();
            }
        }, CancellationToken.None);

        Assert.Null(result.Fault);
        Assert.Equal(written, result.RecordsVerified);
        Assert.Equal(listed.Count + 2, result.Files.Count);
        Assert.Equal(AuditFiles.ChainFiles(dir.Path), result.Files);
    }

    [Fact]
    public async Task A_deleted_last_rotated_file_is_still_missing_after_the_folder_is_listed_again()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 20, o => o.MaxFileBytes = 8 * 1024);
        var files = AuditFiles.ChainFiles(dir.Path);
        var removedFirst = AuditLogReader.Read(files[^2]).First().Sequence;

        File.Delete(files[^2]);
        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.Equal(AuditFaultKind.Missing, result.Fault!.Kind);
        Assert.Equal(ActiveFile(dir.Path), result.Fault.File);
        Assert.Equal(1, result.Fault.LineNumber);
        Assert.Equal(removedFirst, result.Fault.ExpectedSequence);
    }

    [Fact]
    public async Task A_folder_whose_oldest_file_is_gone_does_not_start_at_sequence_one()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 20, o => o.MaxFileBytes = 8 * 1024);
        var files = AuditFiles.ChainFiles(dir.Path);
        File.Delete(files[0]);

        var result = AuditChainVerifier.Verify(dir.Path);

        Assert.Equal(AuditFaultKind.Missing, result.Fault!.Kind);
        Assert.Equal(1, result.Fault.ExpectedSequence);
    }

    [Fact]
    public async Task A_single_rotated_file_verifies_on_its_own_from_its_first_record()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 20, o => o.MaxFileBytes = 8 * 1024);
        var second = AuditFiles.ChainFiles(dir.Path)[1];

        var result = AuditChainVerifier.Verify(second);

        Assert.True(result.IsIntact, result.Fault?.ToString());
        Assert.True(result.FirstSequence > 1);
    }

    [Fact]
    public void A_path_where_nothing_exists_is_refused()
    {
        Assert.Throws<FileNotFoundException>(() => AuditChainVerifier.Verify("/nonexistent/audit/predictions.jsonl"));
    }

    [Fact]
    public async Task A_python_script_following_the_documented_rule_reproduces_every_hash()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 30, o => o.MaxFileBytes = 8 * 1024);
        const string script = """
            import hashlib, json, sys
            prev, seq = "0" * 64, 0
            for path in sys.argv[1:]:
                for raw in open(path, "rb"):
                    line = raw.rstrip(b"\n")
                    record = json.loads(line)
                    content = line[:-75] + b"}"
                    assert hashlib.sha256(content).hexdigest() == record["hash"], (path, record["sequence"])
                    assert record["prev_hash"] == prev and record["sequence"] == seq + 1
                    prev, seq = record["hash"], record["sequence"]
            print(seq)
            """;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var file in AuditFiles.ChainFiles(dir.Path))
        {
            start.ArgumentList.Add(file);
        }

        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, error);
        Assert.Equal("30", output.Trim());
    }

    private static AuditChainFault AssertBroken(string path, long verifiedBefore)
    {
        var result = AuditChainVerifier.Verify(path);
        Assert.False(result.IsIntact);
        Assert.Equal(verifiedBefore, result.RecordsVerified);
        return result.Fault!;
    }

    /// <summary>What someone who read the docs would do to hide an edit: recompute the record's own hash.</summary>
    private static string Rehash(string line)
    {
        var content = line[..^75] + "}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return line[..^75] + ",\"hash\":\"" + hash + "\"}";
    }
}
