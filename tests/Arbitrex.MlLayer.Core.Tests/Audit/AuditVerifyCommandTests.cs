using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditVerifyCommandTests
{
    [Fact]
    public async Task An_intact_chain_exits_zero_with_the_record_count()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 5);
        using var output = new StringWriter();

        var exit = AuditVerifyCommand.Run([dir.Path], output);

        Assert.Equal(0, exit);
        Assert.StartsWith("OK: audit chain intact: 5 records, sequences 1..5, last hash ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_chain_exits_one_and_names_the_first_bad_record()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 5);
        var lines = Lines(ActiveFile(dir.Path));
        lines.RemoveAt(2);
        WriteLines(ActiveFile(dir.Path), lines);
        using var output = new StringWriter();

        var exit = AuditVerifyCommand.Run([ActiveFile(dir.Path)], output);

        Assert.Equal(1, exit);
        Assert.StartsWith($"FAILED: first bad record at {ActiveFile(dir.Path)}:3 (sequence 4): Missing: sequence 3 is missing (deleted)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("verified before it: 2 records, sequences 1..2", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_verifies_the_change_log_beside_the_audit_files_too()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 3);
        var changeLog = new ChangeLogFile(Path.Combine(dir.Path, ChangeLogFile.FileName));
        changeLog.Append(new System.Text.Json.Nodes.JsonObject { ["action"] = "reset" });
        changeLog.Append(new System.Text.Json.Nodes.JsonObject { ["action"] = "reset" });
        using var intactOutput = new StringWriter();

        var intact = AuditVerifyCommand.Run([dir.Path], intactOutput);
        File.WriteAllLines(changeLog.Path, [File.ReadLines(changeLog.Path).Last()]);
        using var brokenOutput = new StringWriter();
        var broken = AuditVerifyCommand.Run([dir.Path], brokenOutput);

        Assert.Equal(0, intact);
        Assert.Contains("OK: change log intact: 2 records", intactOutput.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, broken);
        Assert.Contains($"FAILED: first bad record at {changeLog.Path}:1", brokenOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_exits_two()
    {
        using var output = new StringWriter();

        var exit = AuditVerifyCommand.Run(["/nonexistent/audit"], output);

        Assert.Equal(2, exit);
        Assert.StartsWith("audit verify: No audit file or folder at '/nonexistent/audit'", output.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string[]> WrongArguments => new() { Array.Empty<string>(), new[] { "a", "b" }, new[] { " " } };

    [Theory]
    [MemberData(nameof(WrongArguments))]
    public void Wrong_arguments_exit_two_with_the_usage(string[] args)
    {
        using var output = new StringWriter();

        Assert.Equal(2, AuditVerifyCommand.Run(args, output));
        Assert.Equal("usage: audit verify <file-or-folder>", output.ToString().Trim());
    }
}
