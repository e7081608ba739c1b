using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// An append-only JSONL log of admin changes (<c>config_changes.jsonl</c>), hash-chained with the audit log's
/// rule: each line is <c>{"sequence":N,&lt;members&gt;,"prev_hash":"P","hash":"H"}</c>, H the SHA-256 of the
/// line without its <c>hash</c> member and P the previous line's H (64 zeros before the first).
/// </summary>
/// <remarks>
/// Lines written before the log was chained (no <c>sequence</c>) are kept as they are and anchored: the first
/// chained line carries the SHA-256 of all those bytes as its <c>prev_hash</c> and continues their count as
/// its sequence, so editing them breaks the chain too. <see cref="AuditChainVerifier.VerifyChangeLog"/>
/// checks it. One writer per file; appends are serialised.
/// </remarks>
public sealed class ChangeLogFile(string path)
{
    public const string FileName = "config_changes.jsonl";

    private readonly Lock _lock = new();
    private long _lastSequence;
    private string _lastHash = AuditLineFormat.GenesisHash;
    private long _knownLength = -1;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Appends <paramref name="members"/> (a non-empty object) as the next record and returns its sequence.</summary>
    /// <exception cref="InvalidDataException">The file ends inside a line (cut short); nothing was appended.</exception>
    /// <exception cref="IOException">The write failed (a full disk, say); the file is as it was.</exception>
    public long Append(JsonObject members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0 || members.ContainsKey("sequence") || members.ContainsKey("prev_hash") || members.ContainsKey("hash"))
        {
            throw new ArgumentException("A change record needs members of its own, none named sequence, prev_hash or hash.", nameof(members));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(members, AuditJson.Options.TypeInfo<JsonObject>());
        lock (_lock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            // Unbuffered, so a failed write leaves nothing behind to be flushed on dispose.
            using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            if (stream.Length != _knownLength)
            {
                ReadTail(stream);
            }

            var sequence = _lastSequence + 1;
            var line = new ByteBuffer(body.Length + 256);
            Span<byte> hash = stackalloc byte[AuditLineFormat.HashHexLength];
            AuditLineFormat.AppendLine(line, sequence, body, System.Text.Encoding.ASCII.GetBytes(_lastHash), hash);
            var end = stream.Seek(0, SeekOrigin.End);
            try
            {
                stream.Write(line.WrittenSpan);
                stream.Flush(flushToDisk: true);
            }
            catch (IOException)
            {
                // A full disk can take part of the line: cut it off, or every later append would find the file cut short.
                stream.SetLength(end);
                throw;
            }

            _lastSequence = sequence;
            _lastHash = System.Text.Encoding.ASCII.GetString(hash);
            _knownLength = stream.Length;
            return sequence;
        }
    }

    /// <summary>Finds the last record's sequence and hash, or the anchor of the unchained lines before the chain.</summary>
    private void ReadTail(FileStream stream)
    {
        stream.Seek(0, SeekOrigin.Begin);
        using var reader = new JsonlLineReader(stream, leaveOpen: true);
        using var legacy = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long legacyLines = 0;
        (long Sequence, string Hash)? last = null;
        while (reader.TryReadLine(out var memory, out var terminated))
        {
            if (!terminated)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{Path} ends inside line {reader.LineNumber} (cut short): repair it before changing the service"));
            }

            var line = memory.Span;
            if (AuditLineFormat.TryReadSequence(line, out var sequence) && AuditLineFormat.TryHash(line, sha256, out var stored, out _))
            {
                last = (sequence, stored);
            }
            else if (last is null)
            {
                legacy.AppendData(line);
                legacy.AppendData("\n"u8);
                legacyLines++;
            }
        }

        (_lastSequence, _lastHash) = last ?? (legacyLines, legacyLines == 0 ? AuditLineFormat.GenesisHash : Convert.ToHexStringLower(legacy.GetHashAndReset()));
    }
}
