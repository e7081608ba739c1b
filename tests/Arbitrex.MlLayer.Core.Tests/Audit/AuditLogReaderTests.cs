using System.Text;
using Arbitrex.MlLayer.Core.Audit;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditLogReaderTests
{
    [Fact]
    public async Task A_folder_is_read_in_chain_order_across_rotated_files()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 30, o => o.MaxFileBytes = 8 * 1024);
        Assert.True(AuditFiles.ChainFiles(dir.Path).Count > 3);

        var records = AuditLogReader.Read(dir.Path).ToList();

        Assert.Equal(Enumerable.Range(1, 30).Select(i => Decision(i).DecisionId), records.Select(r => r.DecisionId));
    }

    [Fact]
    public async Task A_write_in_progress_at_the_end_of_the_active_file_is_skipped()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 3);
        await File.AppendAllTextAsync(ActiveFile(dir.Path), "{\"sequence\":4,\"decision_id\":\"EU", Encoding.UTF8);

        var records = AuditLogReader.Read(ActiveFile(dir.Path)).ToList();

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_broken_line_is_reported_with_its_file_and_line_number()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 3);
        var lines = Lines(ActiveFile(dir.Path));
        lines[1] = "{\"sequence\":2}";
        WriteLines(ActiveFile(dir.Path), lines);

        var error = Assert.Throws<InvalidDataException>(() => AuditLogReader.Read(dir.Path).ToList());

        Assert.StartsWith(ActiveFile(dir.Path) + ":2: not a valid audit record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_where_nothing_exists_is_refused_before_enumeration()
    {
        Assert.Throws<FileNotFoundException>(() => AuditLogReader.Read("/nonexistent/audit"));
    }
}
