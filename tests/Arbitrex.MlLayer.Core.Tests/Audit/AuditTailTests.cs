using System.Text;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditTailTests
{
    private static async Task<string> ChainOfThreeAsync(string directory)
    {
        await using (var writer = AuditTestData.Writer(directory))
        {
            for (var i = 1; i <= 3; i++)
            {
                await AppendAsync(writer, i);
            }
        }

        return ActiveFile(directory);
    }

    [Fact]
    public async Task A_sound_chain_and_a_missing_folder_have_no_problem()
    {
        using var dir = new TempDirectory();
        await ChainOfThreeAsync(dir.Path);

        Assert.Null(AuditTail.Problem(dir.Path));
        Assert.Null(AuditTail.Problem(Path.Combine(dir.Path, "absent")));
    }

    [Fact]
    public async Task A_last_record_that_does_not_match_its_hash_is_named_by_file_and_line()
    {
        using var dir = new TempDirectory();
        var file = await ChainOfThreeAsync(dir.Path);
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace("\"allowed\":true", "\"allowed\":false", StringComparison.Ordinal).Replace("\"allowed\":false", "\"allowed\":true", StringComparison.Ordinal) + " ";
        File.WriteAllText(file, string.Join('\n', lines) + "\n", new UTF8Encoding(false));

        Assert.Equal($"the last audit record, '{file}' line 3, does not match its hash", AuditTail.Problem(dir.Path));
    }

    [Fact]
    public async Task A_last_record_that_does_not_follow_the_one_before_is_a_broken_chain()
    {
        using var dir = new TempDirectory();
        var file = await ChainOfThreeAsync(dir.Path);
        var lines = File.ReadAllLines(file);
        File.WriteAllText(file, string.Join('\n', lines[0], lines[2]) + "\n", new UTF8Encoding(false));

        Assert.Equal($"the audit chain is broken at '{file}' line 2: its prev_hash is not the hash of line 1", AuditTail.Problem(dir.Path));
    }

    [Fact]
    public async Task A_record_cut_short_by_a_crash_is_not_a_problem()
    {
        using var dir = new TempDirectory();
        var file = await ChainOfThreeAsync(dir.Path);
        File.AppendAllText(file, "{\"sequence\":4,\"decision_id\":");

        Assert.Null(AuditTail.Problem(dir.Path));
    }
}
