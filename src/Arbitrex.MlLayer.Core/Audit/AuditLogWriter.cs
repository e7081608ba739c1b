using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Threading.Channels;
using Arbitrex.MlLayer.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Writes <c>predictions.jsonl</c>: one <see cref="AuditRecord"/> (or other record type) per line, chained by SHA-256.
/// </summary>
// Over 300 lines on purpose: the batching, rollback, rotation and resume below share the writer's chain state
// (head, flushed and published positions), which must not be reachable from anywhere else.
/// <remarks>
/// <para>
/// <b>Line and hash.</b> A line is the UTF-8 JSON object
/// <c>{"sequence":N,…,"prev_hash":"P","hash":"H"}</c> followed by <c>\n</c>, with <c>sequence</c>
/// first and <c>hash</c> last. Its content is the line without the newline and without the final
/// member <c>,"hash":"H"</c>, i.e. the exact bytes on disk up to and including <c>"prev_hash":"P"</c>,
/// then <c>}</c>. H is the lowercase hex SHA-256 of the content; P is the H of the record before
/// (64 zeros for sequence 1). Because P is part of the content, every hash commits to the whole chain
/// before it, across rotated files. An outside verifier needs no JSON canonicalisation: strip the last
/// 75 bytes (<c>,"hash":"</c> + 64 hex + <c>"}</c>), append <c>}</c>, hash.
/// </para>
/// <para>
/// <b>Durability.</b> Records wait in a bounded queue; one writer at a time drains it in batches of up to
/// <see cref="AuditOptions.MaxBatchSize"/>, writes the batch with one system call and completes every
/// <see cref="AppendAsync"/> of the batch after the write (and the fsync when
/// <see cref="AuditOptions.FlushToDisk"/> is set) returned, so concurrent appenders share a flush. A write
/// that fails fails the appends of its batch, and the file is cut back to its last flushed record. An append
/// cancelled after it was queued may still be written: the caller does not acknowledge, the input is
/// redelivered and logged again under the same <c>decision_id</c>.
/// </para>
/// <para>
/// <b>Who writes.</b> An appender that finds no write in progress writes the queue's first batch itself, on
/// its own thread, and returns with its record flushed; records queued meanwhile are written by a thread-pool
/// work item started when that batch is done. An uncontended append therefore costs no thread switch, and
/// under load the behaviour is that of a single background writer.
/// </para>
/// <para>
/// <b>Rotation.</b> Before a record would take the active file past <see cref="AuditOptions.MaxFileBytes"/>,
/// or when the UTC day changed (<see cref="AuditOptions.RotateDaily"/>), the active file is flushed, closed
/// and renamed to <c>predictions-&lt;yyyyMMdd&gt;-&lt;NNNN&gt;.jsonl</c> (the UTC day of its first record; the number
/// counts within the day), and a new active file is opened. Records are whole lines, so none is split; the
/// chain simply continues in the next file.
/// </para>
/// <para>
/// <b>Start-up.</b> The chain resumes from the last record of the active file, or of the newest rotated
/// file when the active one is empty. Bytes after the last newline of the active file are a record whose
/// write a crash cut short; it was never acknowledged, so its inputs will be redelivered. They are moved to
/// <c>predictions.jsonl.torn-&lt;UTC time&gt;</c>, the file is truncated to its last whole line and a warning
/// is logged. A last whole line that is not a valid record is not guessed about: the constructor throws and
/// the operator runs <c>audit verify</c>. A lock file keeps a second writer out of the same folder.
/// </para>
/// </remarks>
public sealed class AuditLogWriter : IAuditLog, IAsyncDisposable
{
    private readonly AuditOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string activePath;
    private readonly Channel<PendingRecord>? queue;
    private readonly FileStream? directoryLock;
    private readonly Func<string, FileMode, FileStream> openActive;
    private readonly ByteBuffer lines = new(64 * 1024);
    private readonly List<PendingRecord> unflushed = [];
    private readonly List<PendingRecord> batch = [];
    private readonly byte[] headHash = new byte[AuditLineFormat.HashHexLength];
    private readonly byte[] flushedHash = new byte[AuditLineFormat.HashHexLength];
    private FileStream? active;
    private long activeLength;
    private DateOnly activeDay;
    private DateOnly lastRotatedDay;
    private int lastRotatedIndex;
    private long headSequence;
    private long flushedSequence;
    private Exception? fault;
    private ChainHead published;
    private int disposed;
    private int writing;
    private long flushes;

    public AuditLogWriter(IOptions<AuditOptions> options, TimeProvider timeProvider, ILogger<AuditLogWriter> logger)
        : this(options, timeProvider, logger, openActive: null)
    {
    }

    /// <param name="openActive">Opens the active file; tests pass one that fails on demand.</param>
    internal AuditLogWriter(IOptions<AuditOptions> options, TimeProvider timeProvider, ILogger<AuditLogWriter> logger, Func<string, FileMode, FileStream>? openActive)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options.Value;
        var validation = new AuditOptionsValidator().Validate(Options.DefaultName, this.options);
        if (validation.Failed)
        {
            throw new ValidationException(validation.FailureMessage);
        }

        time = timeProvider;
        this.logger = logger;
        this.openActive = openActive ?? OpenFile;
        DirectoryPath = Path.GetFullPath(this.options.Directory);
        activePath = Path.Combine(DirectoryPath, AuditFiles.ActiveFileName);
        published = new ChainHead(0, AuditLineFormat.GenesisHash);
        if (!this.options.Enabled)
        {
            Log.AuditDisabled(logger);
            return;
        }

        Directory.CreateDirectory(DirectoryPath);
        directoryLock = AcquireDirectoryLock();
        try
        {
            Resume();
        }
        catch
        {
            active?.Dispose();
            directoryLock.Dispose();
            throw;
        }

        queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Absolute path of the audit folder.</summary>
    public string DirectoryPath { get; }

    /// <summary>Sequence of the last record flushed (0 before the first record ever).</summary>
    public long LastSequence => Volatile.Read(ref published).Sequence;

    /// <summary>Hash of the last record flushed (64 zeros before the first record ever).</summary>
    public string LastHash => Volatile.Read(ref published).Hash;

    /// <summary>Number of flushes so far; fewer than records when concurrent appenders share them.</summary>
    internal long Flushes => Interlocked.Read(ref flushes);

    /// <inheritdoc />
    public ValueTask AppendAsync(MlDecision decision, IReadOnlyDictionary<string, double>? features, QseOutput? qse, DecisionSource source = DecisionSource.Bus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (queue is null)
        {
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var body = AuditLineFormat.RentBody(AuditRecord.FromDecision(decision, features, qse, source), out var length);
        return Enqueue(new PendingRecord(body, length), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask AppendEventAsync<TPayload>(string recordType, TPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        if (AuditRecordTypes.IsDecisionShaped(recordType))
        {
            throw new ArgumentException($"'{recordType}' records are appended with {nameof(AppendAsync)}.", nameof(recordType));
        }

        if (queue is null)
        {
            return ValueTask.CompletedTask;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        var body = AuditLineFormat.RentEventBody(recordType, time.GetUtcNow().UtcDateTime, payload, out var length);
        return Enqueue(new PendingRecord(body, length), cancellationToken);
    }

    private ValueTask Enqueue(PendingRecord pending, CancellationToken cancellationToken)
    {
        if (!queue!.Writer.TryWrite(pending))
        {
            return EnqueueSlowAsync(pending, cancellationToken);
        }

        WriteIfIdle();
        return AwaitFlush(pending, cancellationToken);
    }

    /// <summary>Writes every record already appended, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0 || queue is null)
        {
            return;
        }

        queue.Writer.TryComplete();

        // Take the writer's role for good: whatever was queued before the channel closed is written, and no
        // thread-pool drain can touch the file after it is closed.
        while (Interlocked.CompareExchange(ref writing, 1, 0) != 0)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }

        while (WriteNextBatch())
        {
        }

        active?.Dispose();
        directoryLock?.Dispose();
    }

    private static ValueTask AwaitFlush(PendingRecord pending, CancellationToken cancellationToken) =>
        new(cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task);

    private async ValueTask EnqueueSlowAsync(PendingRecord pending, CancellationToken cancellationToken)
    {
        try
        {
            await queue!.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            pending.ReleaseBody();
            throw new ObjectDisposedException("The audit log writer has been disposed.", ex);
        }
        catch (OperationCanceledException)
        {
            pending.ReleaseBody();
            throw;
        }

        WriteIfIdle();
        await AwaitFlush(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one batch on this thread unless another thread is writing (which then sees the record just
    /// queued, see <see cref="ReleaseWriter"/>).
    /// </summary>
    private void WriteIfIdle()
    {
        if (Interlocked.CompareExchange(ref writing, 1, 0) != 0)
        {
            return;
        }

        WriteNextBatch();
        ReleaseWriter();
    }

    /// <summary>
    /// Gives up the writer's role; records queued while it was held are then written by a thread-pool work
    /// item, so an appender never waits for records behind its own. The check after the release pairs with
    /// the appender's queue-then-try order: a record queued while the role was held is seen here.
    /// </summary>
    private void ReleaseWriter()
    {
        Interlocked.Exchange(ref writing, 0);
        if (queue!.Reader.TryPeek(out _) && Interlocked.CompareExchange(ref writing, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.DrainQueue(), this, preferLocal: false);
        }
    }

    private void DrainQueue()
    {
        while (WriteNextBatch())
        {
        }

        ReleaseWriter();
    }

    /// <summary>Writes up to one batch of queued records; false when the queue was empty. Only the role's holder calls this.</summary>
    private bool WriteNextBatch()
    {
        var reader = queue!.Reader;
        while (batch.Count < options.MaxBatchSize && reader.TryRead(out var record))
        {
            batch.Add(record);
        }

        if (batch.Count == 0)
        {
            return false;
        }

        WriteBatch();
        batch.Clear();
        return true;
    }

    private void WriteBatch()
    {
        if (fault is not null)
        {
            foreach (var record in batch)
            {
                record.Fail(fault);
            }

            return;
        }

        var next = 0;
        try
        {
            active ??= ReopenActive();
            var today = Today();
            if (options.RotateDaily && activeLength > 0 && today != activeDay)
            {
                Rotate(today);
            }

            if (activeLength == 0)
            {
                activeDay = today;
            }

            for (; next < batch.Count; next++)
            {
                var record = batch[next];
                var used = activeLength + lines.Count;
                if (used > 0 && used + AuditLineFormat.LineLength(headSequence + 1, record.BodyLength) > options.MaxFileBytes)
                {
                    FlushToFile();
                    Rotate(today);
                }

                AuditLineFormat.AppendLine(lines, headSequence + 1, record.Body, headHash, headHash);
                headSequence++;
                record.ReleaseBody();
                unflushed.Add(record);
            }

            FlushToFile();
        }
#pragma warning disable CA1031 // Whatever failed, the callers must hear of it and the file must stay whole.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var failed = unflushed.Count + (batch.Count - next);
            foreach (var record in unflushed)
            {
                record.Fail(ex);
            }

            unflushed.Clear();
            for (var i = next; i < batch.Count; i++)
            {
                batch[i].Fail(ex);
            }

            RollBack(ex, failed);
        }
    }

    private void FlushToFile()
    {
        if (unflushed.Count == 0)
        {
            return;
        }

        active!.Write(lines.WrittenSpan);
        active.Flush(options.FlushToDisk);
        Interlocked.Increment(ref flushes);
        activeLength += lines.Count;
        lines.Clear();
        flushedSequence = headSequence;
        headHash.CopyTo(flushedHash, 0);
        Volatile.Write(ref published, new ChainHead(flushedSequence, Encoding.ASCII.GetString(flushedHash)));
        foreach (var record in unflushed)
        {
            record.TrySetResult();
        }

        unflushed.Clear();
    }

    private void RollBack(Exception error, int failed)
    {
        lines.Clear();
        headSequence = flushedSequence;
        flushedHash.CopyTo(headHash, 0);
        Log.AuditWriteFailed(logger, error, failed, flushedSequence);
        try
        {
            if (active is not null)
            {
                active.SetLength(activeLength);
                active.Seek(activeLength, SeekOrigin.Begin);
            }
        }
#pragma warning disable CA1031 // A file that cannot be restored must stop the writer, not the process.
        catch (Exception rollbackError)
#pragma warning restore CA1031
        {
            fault = new IOException($"The audit log '{activePath}' could not be restored after a failed write.", rollbackError);
            Log.AuditWriterFaulted(logger, rollbackError, activePath);
            active?.Dispose();
            active = null;
        }
    }

    private void Rotate(DateOnly today)
    {
        var closing = active!;
        active = null;
        closing.Dispose();

        // Never name a file so that it sorts before an older one, even if the clock went back.
        var day = activeDay < lastRotatedDay ? lastRotatedDay : activeDay;
        var index = day == lastRotatedDay ? lastRotatedIndex + 1 : 1;
        var target = Path.Combine(DirectoryPath, AuditFiles.RotatedFileName(day, index));
        File.Move(activePath, target, overwrite: false);
        lastRotatedDay = day;
        lastRotatedIndex = index;
        Log.AuditRotated(logger, target, flushedSequence);

        active = OpenActive(FileMode.CreateNew);
        activeLength = 0;
        activeDay = today;
    }

    private FileStream ReopenActive()
    {
        var stream = OpenActive(FileMode.OpenOrCreate);
        activeLength = stream.Length;
        stream.Seek(activeLength, SeekOrigin.Begin);
        return stream;
    }

    private FileStream OpenActive(FileMode mode) => openActive(activePath, mode);

    private static FileStream OpenFile(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 1);

    private FileStream AcquireDirectoryLock()
    {
        var lockPath = Path.Combine(DirectoryPath, AuditFiles.LockFileName);
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException ex)
        {
            throw new IOException($"Another audit writer holds '{lockPath}'; only one writer may append to '{DirectoryPath}'.", ex);
        }
    }

    private void Resume()
    {
        var rotated = AuditFiles.RotatedFiles(DirectoryPath);
        if (rotated.Count > 0)
        {
            (lastRotatedDay, lastRotatedIndex) = (rotated[^1].Day, rotated[^1].Index);
        }

        active = OpenActive(FileMode.OpenOrCreate);
        activeLength = AuditFileTail.RepairTornTail(active, activePath, time, logger);
        var tail = AuditFileTail.ReadHead(active, activePath, activeLength);
        var head = tail is null ? null : new ChainHead(tail.Sequence, tail.Hash);
        activeDay = (head is null ? null : AuditFileTail.ReadFirstDay(active)) ?? Today();
        for (var i = rotated.Count - 1; head is null && i >= 0; i--)
        {
            using var stream = new FileStream(rotated[i].Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var length = stream.Length;
            if (length > 0 && AuditFileTail.LastNewline(stream, length) != length - 1)
            {
                throw new InvalidDataException($"The rotated audit file '{rotated[i].Path}' does not end with a whole record. Run 'audit verify {DirectoryPath}'.");
            }

            tail = AuditFileTail.ReadHead(stream, rotated[i].Path, length);
            head = tail is null ? null : new ChainHead(tail.Sequence, tail.Hash);
        }

        active.Seek(activeLength, SeekOrigin.Begin);
        head ??= new ChainHead(0, AuditLineFormat.GenesisHash);
        headSequence = flushedSequence = head.Sequence;
        Encoding.ASCII.GetBytes(head.Hash, headHash);
        headHash.CopyTo(flushedHash, 0);
        published = head;
        if (head.Sequence > 0)
        {
            Log.AuditResumed(logger, activePath, head.Sequence, head.Hash);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private sealed record ChainHead(long Sequence, string Hash);
}
