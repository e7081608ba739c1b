using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Streams the records of an audit file, or of a folder in chain order (rotated files oldest first, then
/// <c>predictions.jsonl</c>). It parses but does not check hashes; that is <see cref="AuditChainVerifier"/>'s job.
/// Decision-shaped lines come out as <see cref="AuditRecord"/>s, the other record types as <see cref="AuditEvent"/>s.
/// </summary>
public static class AuditLogReader
{
    /// <summary>
    /// The decision-shaped records in order (bus, HTTP and shadow decisions: filter on <see cref="AuditRecord.Source"/>).
    /// A last line without a newline in the last file is a write still in progress
    /// (or cut short by a crash, never acknowledged) and is skipped; any other line that is not a record
    /// throws <see cref="InvalidDataException"/> naming the file and line.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="fileOrFolder"/>.</exception>
    public static IEnumerable<AuditRecord> Read(string fileOrFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrFolder);
        return ReadFiles(AuditFiles.Resolve(fileOrFolder).Files);
    }

    /// <summary>
    /// The records of the newest <paramref name="fileCount"/> files of the chain in <paramref name="directory"/>
    /// (the active file and the rotated ones just before it), in order: the recent past without reading every
    /// rotated file. Nothing when the folder holds no chain.
    /// </summary>
    public static IEnumerable<AuditRecord> ReadNewest(string directory, int fileCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCount, 1);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return ReadFiles(NewestFiles(directory, fileCount));
    }

    /// <summary>The records of <paramref name="recordType"/> (not decision-shaped) in order; see <see cref="Read"/>.</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="fileOrFolder"/>.</exception>
    public static IEnumerable<AuditEvent> ReadEvents(string fileOrFolder, string recordType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrFolder);
        return ReadEventFiles(AuditFiles.Resolve(fileOrFolder).Files, recordType);
    }

    /// <summary>The records of <paramref name="recordType"/> in the newest <paramref name="fileCount"/> files; see <see cref="ReadNewest"/>.</summary>
    public static IEnumerable<AuditEvent> ReadNewestEvents(string directory, int fileCount, string recordType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCount, 1);
        return Directory.Exists(directory) ? ReadEventFiles(NewestFiles(directory, fileCount), recordType) : [];
    }

    private static List<string> NewestFiles(string directory, int fileCount)
    {
        var files = AuditFiles.ChainFiles(directory);
        return files.GetRange(Math.Max(0, files.Count - fileCount), Math.Min(fileCount, files.Count));
    }

    private static IEnumerable<AuditRecord> ReadFiles(List<string> files)
    {
        foreach (var (file, lineNumber, line) in Lines(files))
        {
            if (AuditRecordTypes.IsDecisionShaped(Parse(file, lineNumber, line, AuditLineFormat.RecordTypeOf)))
            {
                yield return Parse(file, lineNumber, line, AuditLineFormat.Deserialize);
            }
        }
    }

    private static IEnumerable<AuditEvent> ReadEventFiles(List<string> files, string recordType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        foreach (var (file, lineNumber, line) in Lines(files))
        {
            if (Parse(file, lineNumber, line, AuditLineFormat.RecordTypeOf) != recordType)
            {
                continue;
            }

            // One parse: the chain members are read from the document rather than from the bytes a second time.
            using var document = Parse(file, lineNumber, line, static l => JsonDocument.Parse(l.ToArray()));
            var header = Parse(file, lineNumber, line, _ => document.RootElement.Deserialize(AuditLineFormat.HeaderJson)
                ?? throw new JsonException("The line is the JSON literal null."));
            yield return new AuditEvent
            {
                Sequence = header.Sequence,
                RecordType = recordType,
                Timestamp = header.Timestamp,
                Line = document.RootElement.Clone(),
            };
        }
    }

    /// <summary>The whole lines of <paramref name="files"/>; a last line without a newline in the last file is skipped.</summary>
    private static IEnumerable<(string File, long LineNumber, ReadOnlyMemory<byte> Line)> Lines(List<string> files)
    {
        for (var f = 0; f < files.Count; f++)
        {
            using var reader = JsonlLineReader.Open(files[f]);
            while (reader.TryReadLine(out var line, out var terminated))
            {
                if (!terminated)
                {
                    if (f == files.Count - 1)
                    {
                        yield break;
                    }

                    throw new InvalidDataException($"{files[f]}:{reader.LineNumber}: the file ends inside a record.");
                }

                yield return (files[f], reader.LineNumber, line);
            }
        }
    }

    private static T Parse<T>(string file, long lineNumber, ReadOnlyMemory<byte> line, LineParser<T> parse)
    {
        try
        {
            return parse(line.Span);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}:{lineNumber}: not a valid audit record: {ex.Message}", ex);
        }
    }

    private delegate T LineParser<T>(ReadOnlySpan<byte> line);
}
