using System.Text;
using Arbitrex.MlLayer.Core.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Arbitrex.MlLayer.Core.Tests.Audit.AuditTestData;

namespace Arbitrex.MlLayer.Core.Tests.Audit;

[Trait("Category", "Unit")]
public sealed class AuditLogWriterTests
{
    [Fact]
    public async Task AppendAsync_completes_only_once_the_line_is_readable_by_another_reader()
    {
        using var dir = new TempDirectory();
        await using var writer = AuditTestData.Writer(dir.Path);

        for (var i = 1; i <= 25; i++)
        {
            await AppendAsync(writer, i);

            using var stream = new FileStream(ActiveFile(dir.Path), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync();
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text[..^1].Split('\n');
            Assert.Equal(i, lines.Length);
            Assert.Contains($"\"decision_id\":\"{Decision(i).DecisionId}\"", lines[^1], StringComparison.Ordinal);
            Assert.Equal(i, writer.LastSequence);
        }
    }

    [Fact]
    public async Task An_append_while_no_write_is_in_progress_is_written_before_AppendAsync_returns()
    {
        using var dir = new TempDirectory();
        await using var writer = AuditTestData.Writer(dir.Path);

        var append = writer.AppendAsync(Decision(1), Features(1), null);

        // The appender wrote its own record: no hand-over to another thread, nothing left to wait for.
        Assert.True(append.IsCompletedSuccessfully);
        Assert.Equal(1, writer.LastSequence);
        Assert.Single(Lines(ActiveFile(dir.Path)));
        await append;
    }

    [Fact]
    public async Task Records_queued_while_another_appender_writes_are_written_when_that_write_ends()
    {
        using var dir = new TempDirectory();
        using var firstWriteStarted = new ManualResetEventSlim();
        using var releaseFirstWrite = new ManualResetEventSlim();
        var writes = 0;
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { Directory = dir.Path });
        await using var writer = new AuditLogWriter(options, TimeProvider.System, new RecordingLogger<AuditLogWriter>(), (path, mode) => new GatedFileStream(path, mode, () =>
        {
            if (Interlocked.Increment(ref writes) == 1)
            {
                firstWriteStarted.Set();
                releaseFirstWrite.Wait(TimeSpan.FromSeconds(30));
            }
        }));

        var first = Task.Run(async () => await writer.AppendAsync(Decision(1), Features(1), null));
        Assert.True(firstWriteStarted.Wait(TimeSpan.FromSeconds(30)), "the first append never reached the file");
        var queued = Enumerable.Range(2, 9).Select(i => writer.AppendAsync(Decision(i), Features(i), null).AsTask()).ToList();

        // The first appender holds the writer's role, so these only wait in the queue.
        Assert.All(queued, task => Assert.False(task.IsCompleted));
        releaseFirstWrite.Set();

        // Nobody appends again: the queued records must still be written.
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(10, writer.LastSequence);
        Assert.Equal(2, writes);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => Decision(i).DecisionId), AuditLogReader.Read(dir.Path).Select(r => r.DecisionId));
    }

    [Fact]
    public async Task A_failed_batch_write_fails_every_append_of_the_batch_and_the_chain_goes_on_from_the_last_written_record()
    {
        using var dir = new TempDirectory();
        using var firstWriteStarted = new ManualResetEventSlim();
        using var releaseFirstWrite = new ManualResetEventSlim();
        var writes = 0;
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { Directory = dir.Path });
        await using (var writer = new AuditLogWriter(options, TimeProvider.System, new RecordingLogger<AuditLogWriter>(), (path, mode) => new GatedFileStream(path, mode, () =>
        {
            switch (Interlocked.Increment(ref writes))
            {
                case 1:
                    firstWriteStarted.Set();
                    releaseFirstWrite.Wait(TimeSpan.FromSeconds(30));
                    break;
                case 2:
                    throw new IOException("No space left on device");
            }
        })))
        {
            var first = Task.Run(async () => await writer.AppendAsync(Decision(1), Features(1), null));
            Assert.True(firstWriteStarted.Wait(TimeSpan.FromSeconds(30)), "the first append never reached the file");
            var batch = Enumerable.Range(2, 9).Select(i => writer.AppendAsync(Decision(i), Features(i), null).AsTask()).ToList();
            releaseFirstWrite.Set();
            await first.WaitAsync(TimeSpan.FromSeconds(30));

            // The nine waited together and were written with one call; that call failed, so none of them may be answered.
            foreach (var append in batch)
            {
                var error = await Assert.ThrowsAsync<IOException>(() => append.WaitAsync(TimeSpan.FromSeconds(30)));
                Assert.Equal("No space left on device", error.Message);
            }

            Assert.Equal(1, writer.LastSequence);
            await writer.AppendAsync(Decision(11), Features(11), null);
            Assert.Equal(2, writer.LastSequence);
        }

        Assert.Equal(3, writes);
        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal([1L, 2L], records.Select(r => r.Sequence));
        Assert.Equal([Decision(1).DecisionId, Decision(11).DecisionId], records.Select(r => r.DecisionId));
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task Concurrent_appenders_all_land_exactly_once_and_the_chain_verifies()
    {
        const int tasks = 64, perTask = 500;
        using var dir = new TempDirectory();
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < perTask; i++)
                {
                    await AppendAsync(writer, (t * perTask) + i, "SYM" + t);
                }
            })));
            Assert.Equal(tasks * perTask, writer.LastSequence);
            Assert.True(writer.Flushes < tasks * perTask, $"{writer.Flushes} flushes for {tasks * perTask} records: appenders did not share flushes");
        }

        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal(tasks * perTask, records.Count);
        Assert.Equal(Enumerable.Range(1, tasks * perTask).Select(i => (long)i), records.Select(r => r.Sequence));
        var expectedIds = Enumerable.Range(0, tasks).SelectMany(t => Enumerable.Range(0, perTask).Select(i => Decision((t * perTask) + i, "SYM" + t).DecisionId));
        Assert.Equal(expectedIds.Order(StringComparer.Ordinal), records.Select(r => r.DecisionId).Order(StringComparer.Ordinal));
        var verification = AuditChainVerifier.Verify(dir.Path);
        Assert.True(verification.IsIntact, verification.Fault?.ToString());
        Assert.Equal(tasks * perTask, verification.RecordsVerified);
    }

    [Fact]
    public async Task Rotation_by_size_under_concurrent_load_loses_nothing_and_splits_no_record()
    {
        const int tasks = 16, perTask = 200, maxBytes = 16 * 1024;
        using var dir = new TempDirectory();
        await using (var writer = AuditTestData.Writer(dir.Path, o => o.MaxFileBytes = maxBytes))
        {
            await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
            {
                for (var i = 0; i < perTask; i++)
                {
                    await AppendAsync(writer, (t * perTask) + i, "SYM" + t);
                }
            })));
        }

        var files = Directory.GetFiles(dir.Path, "predictions*.jsonl");
        Assert.True(files.Length > 20, $"only {files.Length} files");
        foreach (var file in files)
        {
            Assert.InRange(new FileInfo(file).Length, 1, maxBytes);
            Assert.All(Lines(file), line => Assert.StartsWith("{\"sequence\":", line, StringComparison.Ordinal));
        }

        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal(Enumerable.Range(1, tasks * perTask).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(tasks * perTask, records.Select(r => r.DecisionId).Distinct(StringComparer.Ordinal).Count());
        var verification = AuditChainVerifier.Verify(dir.Path);
        Assert.True(verification.IsIntact, verification.Fault?.ToString());
        Assert.Equal(files.Length, verification.Files.Count);
    }

    [Fact]
    public async Task A_new_UTC_day_rotates_the_file_and_the_chain_continues_into_the_next_one()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 22, 23, 59, 0, TimeSpan.Zero));
        await using (var writer = AuditTestData.Writer(dir.Path, time: time))
        {
            for (var i = 1; i <= 3; i++)
            {
                await AppendAsync(writer, i);
            }

            time.Advance(TimeSpan.FromMinutes(2));
            for (var i = 4; i <= 5; i++)
            {
                await AppendAsync(writer, i);
            }

            time.Advance(TimeSpan.FromDays(1));
            await AppendAsync(writer, 6);
        }

        var first = Lines(Path.Combine(dir.Path, "predictions-20251222-0001.jsonl"));
        var second = Lines(Path.Combine(dir.Path, "predictions-20251223-0001.jsonl"));
        var active = Lines(ActiveFile(dir.Path));
        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Single(active);
        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal(records[2].Hash, records[3].PrevHash);
        Assert.Equal(records[4].Hash, records[5].PrevHash);
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task Daily_rotation_off_keeps_one_file_across_days()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 22, 12, 0, 0, TimeSpan.Zero));
        await using (var writer = AuditTestData.Writer(dir.Path, o => o.RotateDaily = false, time))
        {
            await AppendAsync(writer, 1);
            time.Advance(TimeSpan.FromDays(3));
            await AppendAsync(writer, 2);
        }

        Assert.Equal([ActiveFile(dir.Path)], Directory.GetFiles(dir.Path, "*.jsonl"));
        Assert.Equal(2, Lines(ActiveFile(dir.Path)).Count);
    }

    [Fact]
    public async Task A_restarted_writer_continues_the_chain_where_the_last_one_stopped()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 10);
        var lastHash = AuditLogReader.Read(dir.Path).Last().Hash;

        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            Assert.Equal(10, writer.LastSequence);
            Assert.Equal(lastHash, writer.LastHash);
            for (var i = 11; i <= 20; i++)
            {
                await AppendAsync(writer, i);
            }
        }

        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(lastHash, records[10].PrevHash);
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task A_restart_after_a_crash_between_rename_and_reopen_continues_from_the_newest_rotated_file()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 4);
        File.Move(ActiveFile(dir.Path), Path.Combine(dir.Path, "predictions-20251222-0001.jsonl"));

        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            Assert.Equal(4, writer.LastSequence);
            await AppendAsync(writer, 5);
        }

        Assert.Single(Lines(ActiveFile(dir.Path)));
        var verification = AuditChainVerifier.Verify(dir.Path);
        Assert.True(verification.IsIntact, verification.Fault?.ToString());
        Assert.Equal(5, verification.LastSequence);
    }

    [Fact]
    public async Task A_torn_last_line_is_moved_aside_truncated_and_logged_and_the_chain_goes_on()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 5);
        var path = ActiveFile(dir.Path);
        var intactLength = new FileInfo(path).Length;
        var torn = Encoding.UTF8.GetBytes(Lines(path)[2][..300]);
        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(torn);
        }

        var logger = new RecordingLogger<AuditLogWriter>();
        await using (var writer = AuditTestData.Writer(dir.Path, logger: logger))
        {
            Assert.Equal(intactLength, new FileInfo(path).Length);
            Assert.Equal(5, writer.LastSequence);
            await AppendAsync(writer, 6);
        }

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(5002, warning.Id.Id);
        Assert.Contains("300 bytes", warning.Message, StringComparison.Ordinal);
        var saved = Assert.Single(Directory.GetFiles(dir.Path, "predictions.jsonl.torn-*"));
        Assert.Equal(torn, await File.ReadAllBytesAsync(saved));
        var verification = AuditChainVerifier.Verify(dir.Path);
        Assert.True(verification.IsIntact, verification.Fault?.ToString());
        Assert.Equal(6, verification.LastSequence);
    }

    [Fact]
    public async Task A_file_holding_only_a_torn_record_starts_a_fresh_chain()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(ActiveFile(dir.Path), "{\"sequence\":1,\"decision_id\":\"EURU");

        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            Assert.Equal(0, writer.LastSequence);
            await AppendAsync(writer, 1);
        }

        Assert.Single(Lines(ActiveFile(dir.Path)));
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task A_last_whole_line_that_does_not_match_its_hash_stops_the_writer_from_starting()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 3);
        var original = Lines(ActiveFile(dir.Path));
        var lines = original.ToList();
        lines[2] = lines[2].Replace("\"allowed\":false", "\"allowed\":true", StringComparison.Ordinal);
        WriteLines(ActiveFile(dir.Path), lines);

        var error = Assert.Throws<InvalidDataException>(() => AuditTestData.Writer(dir.Path));

        Assert.Contains("does not match its hash", error.Message, StringComparison.Ordinal);
        Assert.Equal(lines, Lines(ActiveFile(dir.Path)));
        WriteLines(ActiveFile(dir.Path), original);
        await using var repaired = AuditTestData.Writer(dir.Path);
        Assert.Equal(3, repaired.LastSequence);
    }

    [Fact]
    public async Task A_second_writer_on_the_same_folder_is_refused()
    {
        using var dir = new TempDirectory();
        await using var writer = AuditTestData.Writer(dir.Path);

        var error = Assert.Throws<IOException>(() => AuditTestData.Writer(dir.Path));

        Assert.Contains("Another audit writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_writes_what_was_appended_and_later_appends_are_refused()
    {
        using var dir = new TempDirectory();
        var writer = AuditTestData.Writer(dir.Path);
        var pending = Enumerable.Range(1, 100).Select(i => writer.AppendAsync(Decision(i), Features(i), null).AsTask()).ToList();

        await writer.DisposeAsync();

        await Task.WhenAll(pending);
        Assert.Equal(100, Lines(ActiveFile(dir.Path)).Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await AppendAsync(writer, 101));
        await using var reopened = AuditTestData.Writer(dir.Path);
        Assert.Equal(100, reopened.LastSequence);
    }

    [Fact]
    public async Task A_cancelled_append_writes_nothing()
    {
        using var dir = new TempDirectory();
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                await writer.AppendAsync(Decision(1), Features(1), null, DecisionSource.Bus, new CancellationToken(canceled: true)));
        }

        Assert.Equal(0, new FileInfo(ActiveFile(dir.Path)).Length);
    }

    [Fact]
    public async Task A_disabled_writer_creates_no_file_and_completes_at_once()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "audit");
        await using (var writer = AuditTestData.Writer(folder, o => o.Enabled = false))
        {
            await AppendAsync(writer, 1);
            Assert.Equal(0, writer.LastSequence);
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task FlushToDisk_writes_the_same_chain()
    {
        using var dir = new TempDirectory();
        await WriteAsync(dir.Path, 20, o => o.FlushToDisk = true);

        var verification = AuditChainVerifier.Verify(dir.Path);

        Assert.True(verification.IsIntact, verification.Fault?.ToString());
        Assert.Equal(20, verification.RecordsVerified);
    }

    [Fact]
    public void Invalid_options_are_refused_when_the_writer_is_built()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(() => AuditTestData.Writer(dir.Path, o => o.MaxFileBytes = 10));

        Assert.Equal("MaxFileBytes: Audit:MaxFileBytes must be at least 1024.", error.Message);
    }

    [Fact]
    public async Task A_failed_write_fails_its_appends_and_leaves_no_partial_record_behind()
    {
        using var dir = new TempDirectory();
        var logger = new RecordingLogger<AuditLogWriter>();
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { Directory = dir.Path });
        var failures = 0;
        await using (var writer = new AuditLogWriter(options, TimeProvider.System, logger, (path, mode) => new FailingFileStream(path, mode, () => Interlocked.Exchange(ref failures, 0) > 0)))
        {
            for (var i = 1; i <= 3; i++)
            {
                await AppendAsync(writer, i);
            }

            failures = 1;
            var error = await Assert.ThrowsAsync<IOException>(async () => await AppendAsync(writer, 4));
            Assert.Equal("No space left on device", error.Message);
            Assert.Equal(3, writer.LastSequence);

            await AppendAsync(writer, 5);
            Assert.Equal(4, writer.LastSequence);
        }

        Assert.Equal(5004, Assert.Single(logger.Entries, e => e.Level == LogLevel.Error).Id.Id);
        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Sequence));
        Assert.Equal(Decision(5).DecisionId, records[3].DecisionId);
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }

    [Fact]
    public async Task Records_larger_than_the_read_buffers_are_written_resumed_read_and_verified()
    {
        using var dir = new TempDirectory();
        var features = Enumerable.Range(0, 6000).ToDictionary(i => "feature_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => i / 7.0);
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            for (var i = 1; i <= 3; i++)
            {
                await writer.AppendAsync(Decision(i), features, null);
            }
        }

        Assert.True(new FileInfo(ActiveFile(dir.Path)).Length > 3 * 128 * 1024);
        await using (var writer = AuditTestData.Writer(dir.Path))
        {
            Assert.Equal(3, writer.LastSequence);
            await writer.AppendAsync(Decision(4), features, null);
        }

        var records = AuditLogReader.Read(dir.Path).ToList();
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal(6000, r.Features!.Count));
        Assert.Equal(5999 / 7.0, records[3].Features!["feature_5999"]);
        Assert.True(AuditChainVerifier.Verify(dir.Path).IsIntact);
    }
}
