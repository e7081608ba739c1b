using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Verifies the hash chain of an audit file, or of a folder (every rotated file oldest first, then
/// <c>predictions.jsonl</c>), and reports the first bad record.
/// </summary>
/// <remarks>
/// Every line must end with a newline, be an audit record whose content matches its <c>hash</c>, carry
/// the next sequence and the previous record's hash as <c>prev_hash</c>. A folder's chain must start at
/// sequence 1 with the genesis <c>prev_hash</c> (64 zeros); a single file may start anywhere (a rotated
/// file continues an older one) and its first record is taken as the anchor. Records cut off the end of
/// the chain at a line boundary leave no trace in the chain itself: compare
/// <see cref="AuditVerificationResult.LastHash"/> with a copy kept elsewhere.
/// A folder may be live: when its active file starts past the expected sequence, the writer may have
/// rotated after the listing, so the folder is listed again and the rotated files newer than the last
/// one listed are verified before the active file is opened again; only without any is it a gap.
/// </remarks>
public static class AuditChainVerifier
{
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="fileOrFolder"/>.</exception>
    public static AuditVerificationResult Verify(string fileOrFolder, CancellationToken cancellationToken = default) =>
        Verify(fileOrFolder, beforeOpen: null, cancellationToken);

    /// <param name="beforeOpen">Runs with each path just before it is opened; tests rotate a live writer there.</param>
    internal static AuditVerificationResult Verify(string fileOrFolder, Action<string>? beforeOpen, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileOrFolder);
        var (files, isFolder) = AuditFiles.Resolve(fileOrFolder);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long? expected = isFolder ? 1 : null;
        var expectedPrev = AuditLineFormat.GenesisHash;
        long verified = 0;
        long? first = null;

        AuditVerificationResult Result(AuditChainFault? fault) => new()
        {
            Files = files,
            RecordsVerified = verified,
            FirstSequence = first,
            LastSequence = verified == 0 ? null : expected - 1,
            LastHash = verified == 0 ? null : expectedPrev,
            Fault = fault,
        };

        for (var f = 0; f < files.Count; f++)
        {
            beforeOpen?.Invoke(files[f]);
            using var reader = JsonlLineReader.Open(files[f]);
            var relisted = false;
            while (reader.TryReadLine(out var memory, out var terminated))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var line = memory.Span;
                long? lineSequence = AuditLineFormat.TryReadSequence(line, out var s) ? s : null;

                AuditVerificationResult Fail(AuditFaultKind kind, string detail) => Result(new AuditChainFault
                {
                    File = files[f],
                    LineNumber = reader.LineNumber,
                    Sequence = lineSequence,
                    ExpectedSequence = expected,
                    Kind = kind,
                    Detail = detail,
                });

                if (!terminated)
                {
                    return Fail(AuditFaultKind.Truncated, Invariant($"the file ends inside a record ({line.Length} bytes without a newline): it was cut short"));
                }

                if (!AuditLineFormat.TryHash(line, sha256, out var stored, out var computed))
                {
                    return Fail(AuditFaultKind.BrokenJson, "the line does not end with the \"hash\" member of an audit record");
                }

                AuditLineHeader record;
                try
                {
                    record = AuditLineFormat.ReadHeader(line);
                    if (AuditRecordTypes.IsDecisionShaped(record.Type))
                    {
                        AuditLineFormat.Deserialize(line);
                    }
                }
                catch (JsonException ex)
                {
                    return Fail(AuditFaultKind.BrokenJson, "not a valid audit record: " + ex.Message);
                }

                if (record.Sequence < 1)
                {
                    return Fail(AuditFaultKind.BrokenJson, Invariant($"sequence {record.Sequence} is not a positive number"));
                }

                if (computed != stored)
                {
                    return Fail(AuditFaultKind.Edited, $"the content hashes to {computed} but the record says {stored}: it was changed after it was written");
                }

                if (expected is null)
                {
                    if (record.Sequence == 1 && record.PrevHash != AuditLineFormat.GenesisHash)
                    {
                        return Fail(AuditFaultKind.BrokenLink, $"sequence 1 must have the genesis prev_hash, not {record.PrevHash}");
                    }
                }
                else if (record.Sequence > expected)
                {
                    if (reader.LineNumber == 1 && IsActive(files, f) && TakeNewlyRotated(fileOrFolder, files))
                    {
                        relisted = true;
                        break;
                    }

                    var later = FindLater(files, f, reader.LineNumber, expected.Value);
                    return later is { } at
                        ? Fail(AuditFaultKind.Reordered, Invariant($"sequence {expected} was expected here but appears later, at {at.File}:{at.Line}"))
                        : Fail(AuditFaultKind.Missing, record.Sequence == expected + 1
                            ? Invariant($"sequence {expected} is missing (deleted)")
                            : Invariant($"sequences {expected}..{record.Sequence - 1} are missing (deleted)"));
                }
                else if (record.Sequence < expected)
                {
                    return Fail(AuditFaultKind.Reordered, Invariant($"sequence {record.Sequence} comes after sequence {expected - 1}: a record out of order or duplicated"));
                }
                else if (record.PrevHash != expectedPrev)
                {
                    return Fail(AuditFaultKind.BrokenLink, Invariant($"prev_hash {record.PrevHash} is not the hash {expectedPrev} of sequence {expected - 1}: a record before it was rewritten"));
                }

                first ??= record.Sequence;
                expected = record.Sequence + 1;
                expectedPrev = record.Hash;
                verified++;
            }

            if (relisted)
            {
                // files[f] is now the first newly rotated file: read it next, the active file after them.
                f--;
            }
        }

        return Result(null);
    }

    /// <summary>
    /// Verifies the hash chain of an admin change log (<see cref="ChangeLogFile"/>): unchained lines may only
    /// come first, and the first chained record must carry their anchor (the SHA-256 of their bytes and their
    /// count) or, without any, sequence 1 with the genesis <c>prev_hash</c>; then as an audit file.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    public static AuditVerificationResult VerifyChangeLog(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No change log at '{path}'.", path);
        }

        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var legacy = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long legacyLines = 0;
        long? expected = null;
        var expectedPrev = AuditLineFormat.GenesisHash;
        long verified = 0;
        long? first = null;

        AuditVerificationResult Result(AuditChainFault? fault) => new()
        {
            Files = [path],
            RecordsVerified = verified,
            FirstSequence = first,
            LastSequence = verified == 0 ? null : expected - 1,
            LastHash = verified == 0 ? null : expectedPrev,
            Fault = fault,
        };

        using var reader = JsonlLineReader.Open(path);
        while (reader.TryReadLine(out var memory, out var terminated))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = memory.Span;
            long? lineSequence = AuditLineFormat.TryReadSequence(line, out var s) ? s : null;

            AuditVerificationResult Fail(AuditFaultKind kind, string detail) => Result(new AuditChainFault
            {
                File = path,
                LineNumber = reader.LineNumber,
                Sequence = lineSequence,
                ExpectedSequence = expected,
                Kind = kind,
                Detail = detail,
            });

            if (!terminated)
            {
                return Fail(AuditFaultKind.Truncated, Invariant($"the file ends inside a record ({line.Length} bytes without a newline): it was cut short"));
            }

            if (lineSequence is null)
            {
                if (expected is not null)
                {
                    return Fail(AuditFaultKind.BrokenJson, "an unchained line after the chain started: it was added or changed after it was written");
                }

                legacy.AppendData(line);
                legacy.AppendData("\n"u8);
                legacyLines++;
                continue;
            }

            if (expected is null)
            {
                expected = legacyLines + 1;
                expectedPrev = legacyLines == 0 ? AuditLineFormat.GenesisHash : Convert.ToHexStringLower(legacy.GetHashAndReset());
            }

            if (!AuditLineFormat.TryHash(line, sha256, out var stored, out var computed))
            {
                return Fail(AuditFaultKind.BrokenJson, "the line does not end with the \"hash\" member of a change record");
            }

            if (computed != stored)
            {
                return Fail(AuditFaultKind.Edited, $"the content hashes to {computed} but the record says {stored}: it was changed after it was written");
            }

            if (lineSequence != expected)
            {
                return Fail(lineSequence > expected ? AuditFaultKind.Missing : AuditFaultKind.Reordered, Invariant($"sequence {lineSequence} where {expected} was expected: records were deleted, duplicated or reordered"));
            }

            var prev = System.Text.Encoding.ASCII.GetString(line[^(AuditLineFormat.HashSuffixLength + 1 + AuditLineFormat.HashHexLength)..^(AuditLineFormat.HashSuffixLength + 1)]);
            if (prev != expectedPrev)
            {
                return Fail(AuditFaultKind.BrokenLink, Invariant($"prev_hash {prev} is not {expectedPrev}, the hash of what comes before it: a record before it was rewritten"));
            }

            first ??= lineSequence;
            expected = lineSequence + 1;
            expectedPrev = stored;
            verified++;
        }

        return Result(null);
    }

    private static bool IsActive(List<string> files, int index) =>
        index == files.Count - 1 && Path.GetFileName(files[index]) == AuditFiles.ActiveFileName;

    /// <summary>
    /// Inserts before the active file (last in <paramref name="files"/>) the rotated files of
    /// <paramref name="folder"/> newer than the last rotated one in the list; false when there are none.
    /// </summary>
    private static bool TakeNewlyRotated(string folder, List<string> files)
    {
        var newer = AuditFiles.RotatedAfter(folder, files.Count > 1 ? files[^2] : null);
        if (newer.Count == 0)
        {
            return false;
        }

        files.InsertRange(files.Count - 1, newer);
        return true;
    }

    private static (string File, long Line)? FindLater(List<string> files, int fromFile, long afterLine, long sequence)
    {
        for (var f = fromFile; f < files.Count; f++)
        {
            using var reader = JsonlLineReader.Open(files[f]);
            while (reader.TryReadLine(out var line, out _))
            {
                if ((f > fromFile || reader.LineNumber > afterLine)
                    && AuditLineFormat.TryReadSequence(line.Span, out var found)
                    && found == sequence)
                {
                    return (files[f], reader.LineNumber);
                }
            }
        }

        return null;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
