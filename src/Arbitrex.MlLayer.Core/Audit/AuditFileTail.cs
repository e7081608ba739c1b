using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Reading the end of an audit file when <see cref="AuditLogWriter"/> starts: the torn tail a crash left, the last
/// record (where the chain resumes) and the first record's day (for daily rotation).
/// </summary>
internal static class AuditFileTail
{
    private const int TailChunk = 64 * 1024;

    /// <summary>
    /// Moves bytes after the last newline (a record a crash cut short, never acknowledged) to
    /// <c>&lt;active&gt;.torn-&lt;UTC time&gt;</c> and truncates the file to its last whole line; returns the new length.
    /// </summary>
    public static long RepairTornTail(FileStream stream, string activePath, TimeProvider time, ILogger logger)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return 0;
        }

        var complete = LastNewline(stream, length) + 1;
        if (complete == length)
        {
            return length;
        }

        var torn = new byte[length - complete];
        stream.Seek(complete, SeekOrigin.Begin);
        stream.ReadExactly(torn);
        var savedTo = $"{activePath}.torn-{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}";
        File.WriteAllBytes(savedTo, torn);
        stream.SetLength(complete);
        stream.Flush(flushToDisk: true);
        Log.AuditTornTailTruncated(logger, activePath, torn.LongLength, complete, savedTo);
        return complete;
    }

    /// <summary>The last record's sequence and hash, checked against its content; null for an empty file.</summary>
    public static AuditLineHeader? ReadHead(FileStream stream, string path, long length)
    {
        if (length == 0)
        {
            return null;
        }

        var lineStart = LastNewline(stream, length - 1) + 1;
        var line = new byte[length - 1 - lineStart];
        stream.Seek(lineStart, SeekOrigin.Begin);
        stream.ReadExactly(line);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!AuditLineFormat.TryHash(line, sha256, out var stored, out var computed) || stored != computed)
        {
            throw new InvalidDataException($"The last record of '{path}' (at byte {lineStart}) does not match its hash. Run 'audit verify' before restarting the writer.");
        }

        try
        {
            return AuditLineFormat.ReadHeader(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The last record of '{path}' (at byte {lineStart}) is not a valid audit record: {ex.Message}", ex);
        }
    }

    /// <summary>The UTC day of the file's first record, or null when it has none that parses.</summary>
    public static DateOnly? ReadFirstDay(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        using var reader = new JsonlLineReader(stream, leaveOpen: true);
        if (!reader.TryReadLine(out var line, out _))
        {
            return null;
        }

        try
        {
            return DateOnly.FromDateTime(AuditLineFormat.ReadHeader(line.Span).Timestamp);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Position of the last <c>\n</c> before <paramref name="end"/>, or -1.</summary>
    public static long LastNewline(FileStream stream, long end)
    {
        var buffer = new byte[(int)Math.Min(TailChunk, Math.Max(end, 1))];
        while (end > 0)
        {
            var from = Math.Max(0, end - buffer.Length);
            var count = (int)(end - from);
            stream.Seek(from, SeekOrigin.Begin);
            stream.ReadExactly(buffer, 0, count);
            var index = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return from + index;
            }

            end = from;
        }

        return -1;
    }
}
