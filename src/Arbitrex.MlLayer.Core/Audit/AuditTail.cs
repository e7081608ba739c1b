using System.Security.Cryptography;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Checks the end of the chain in an audit folder before anything writes to it or reads it: the last whole record of
/// the newest file must match its hash, parse as a record, and link to the record before it. A record cut short by a
/// crash (no newline yet) is not corruption: the writer sets it aside at start.
/// </summary>
public static class AuditTail
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Null when the tail is sound (or there is no chain yet); else one line naming the file and line.</summary>
    public static string? Problem(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var files = AuditFiles.ChainFiles(directory);
        for (var i = files.Count - 1; i >= 0; i--)
        {
            var lines = LastTwoWholeLines(files[i], out var lastLineNumber);
            if (lines.Count > 0)
            {
                return Check(files[i], lines, lastLineNumber);
            }
        }

        return null;
    }

    private static string? Check(string file, List<byte[]> lines, long lastLineNumber)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var last = lines[^1];
        var where = $"'{Path.GetFullPath(file)}' line {lastLineNumber}";
        if (!AuditLineFormat.TryHash(last, sha256, out var stored, out var computed) || stored != computed)
        {
            return $"the last audit record, {where}, does not match its hash";
        }

        AuditLineHeader record;
        try
        {
            record = AuditLineFormat.ReadHeader(last);
        }
        catch (JsonException ex)
        {
            return $"the last audit record, {where}, is not a valid record ({ex.Message})";
        }

        if (lines.Count == 2)
        {
            try
            {
                var previous = AuditLineFormat.ReadHeader(lines[0]);
                if (previous.Hash != record.PrevHash)
                {
                    return $"the audit chain is broken at {where}: its prev_hash is not the hash of line {lastLineNumber - 1}";
                }
            }
            catch (JsonException ex)
            {
                return $"the audit record before the last, '{Path.GetFullPath(file)}' line {lastLineNumber - 1}, is not a valid record ({ex.Message})";
            }
        }

        return null;
    }

    /// <summary>The last two newline-terminated lines (fewer if the file has fewer) and the number of the last one.</summary>
    private static List<byte[]> LastTwoWholeLines(string file, out long lastLineNumber)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        var buffer = new byte[ChunkSize];
        long newlines = 0;
        var lastNewline = -1L;
        var beforeLast = -1L;
        var beforeThat = -1L;
        long position = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            var offset = 0;
            int index;
            while ((index = span[offset..].IndexOf((byte)'\n')) >= 0)
            {
                newlines++;
                (beforeThat, beforeLast, lastNewline) = (beforeLast, lastNewline, position + offset + index);
                offset += index + 1;
            }

            position += read;
        }

        lastLineNumber = newlines;
        var lines = new List<byte[]>(2);
        if (beforeLast >= 0 || lastNewline >= 0)
        {
            if (beforeLast >= 0)
            {
                lines.Add(ReadRange(stream, beforeThat + 1, beforeLast));
            }

            lines.Add(ReadRange(stream, beforeLast + 1, lastNewline));
        }

        return lines;
    }

    private static byte[] ReadRange(FileStream stream, long start, long end)
    {
        var bytes = new byte[end - start];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        return bytes;
    }
}
