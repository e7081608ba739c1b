using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Streams the records of an audit file, or of a folder in chain order (rotated files oldest first, then
/// <c>predictions.jsonl</c>). It parses but does not check hashes; that is <see cref="AuditChainVerifier"/>'s job.
/// </summary>
public static class AuditLogReader
{
    /// <summary>
    /// The records in order. A last line without a newline in the last file is a write still in progress
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

        var files = AuditFiles.ChainFiles(directory);
        return ReadFiles(files.GetRange(Math.Max(0, files.Count - fileCount), Math.Min(fileCount, files.Count)));
    }

    private static IEnumerable<AuditRecord> ReadFiles(List<string> files)
    {
        for (var f = 0; f < files.Count; f++)
        {
            using var reader = JsonlLineReader.Open(files[f]);
            while (reader.TryReadLine(out var line, out var terminated))
            {
                if (!terminated && f == files.Count - 1)
                {
                    yield break;
                }

                yield return Parse(files[f], reader.LineNumber, line.Span, terminated);
            }
        }
    }

    private static AuditRecord Parse(string file, long lineNumber, ReadOnlySpan<byte> line, bool terminated)
    {
        if (!terminated)
        {
            throw new InvalidDataException($"{file}:{lineNumber}: the file ends inside a record.");
        }

        try
        {
            return AuditLineFormat.Deserialize(line);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}:{lineNumber}: not a valid audit record: {ex.Message}", ex);
        }
    }
}
