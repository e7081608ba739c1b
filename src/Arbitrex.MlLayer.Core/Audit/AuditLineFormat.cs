using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Arbitrex.MlLayer.Core.Json;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// The byte layout of one audit line and its hash; see <see cref="AuditLogWriter"/> for the
/// definition an outside verifier can follow.
/// </summary>
internal static class AuditLineFormat
{
    public const int HashHexLength = 64;

    /// <summary><c>,"hash":"</c> + 64 hex digits + <c>"}</c>: what follows the hashed content on a line.</summary>
    public const int HashSuffixLength = 9 + HashHexLength + 2;

    public static readonly string GenesisHash = new('0', HashHexLength);

    /// <summary>The chain members of a line (and its type), as the writer and the reader read them.</summary>
    internal static readonly JsonTypeInfo<AuditLineHeader> HeaderJson = AuditJson.Options.TypeInfo<AuditLineHeader>();
    private static readonly JsonTypeInfo<AuditRecord> RecordJson = AuditJson.Options.TypeInfo<AuditRecord>();

    private static ReadOnlySpan<byte> SequencePrefix => "{\"sequence\":"u8;

    private static ReadOnlySpan<byte> RecordTypePrefix => "\"record_type\":\""u8;

    private static ReadOnlySpan<byte> PrevHashPrefix => ",\"prev_hash\":\""u8;

    private static ReadOnlySpan<byte> HashPrefix => ",\"hash\":\""u8;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_bodyBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_bodyWriter;

    /// <summary>
    /// Serialises every member between <c>sequence</c> and <c>prev_hash</c> as one JSON object into a
    /// pooled array (return it with <see cref="ArrayPool{T}.Shared"/>). Runs on the appender's thread.
    /// </summary>
    public static byte[] RentBody(AuditRecord record, out int length)
    {
        var buffer = t_bodyBuffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_bodyWriter ??= new Utf8JsonWriter(buffer, AuditJson.WriterOptions);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, record, AuditJson.RecordBody);
        writer.Flush();
        length = buffer.WrittenCount;
        var body = ArrayPool<byte>.Shared.Rent(length);
        buffer.WrittenSpan.CopyTo(body);
        return body;
    }

    /// <summary>
    /// Serialises <c>{"record_type":T,"timestamp":…,&lt;payload members&gt;}</c> into a pooled array, like
    /// <see cref="RentBody(AuditRecord, out int)"/>. The payload must serialise as a JSON object.
    /// </summary>
    /// <remarks>
    /// The two head members are written here and the payload's serialised members spliced after them: the payload
    /// is any type a caller audits, so there is no record type the serializer could write with the head in it.
    /// </remarks>
    public static byte[] RentEventBody<TPayload>(string recordType, DateTime timestamp, TPayload payload, out int length)
    {
        var members = JsonSerializer.SerializeToUtf8Bytes(payload, AuditJson.Options.TypeInfo<TPayload>());
        if (members.Length < 2 || members[0] != (byte)'{' || members[^1] != (byte)'}')
        {
            throw new ArgumentException($"An audit payload must serialise as a JSON object; {typeof(TPayload).Name} does not.", nameof(payload));
        }

        var buffer = t_bodyBuffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = t_bodyWriter ??= new Utf8JsonWriter(buffer, AuditJson.WriterOptions);
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("record_type"u8, recordType);
        writer.WriteString("timestamp"u8, DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
        writer.WriteEndObject();
        writer.Flush();
        var head = buffer.WrittenSpan[..^1];
        var hasMembers = members.Length > 2; // the audit options never indent
        length = head.Length + (hasMembers ? 1 + members.Length - 1 : 1);
        var body = ArrayPool<byte>.Shared.Rent(length);
        head.CopyTo(body);
        if (hasMembers)
        {
            body[head.Length] = (byte)',';
            members.AsSpan(1).CopyTo(body.AsSpan(head.Length + 1));
        }
        else
        {
            body[head.Length] = (byte)'}';
        }

        return body;
    }

    /// <summary>The length of the line <see cref="AppendLine"/> writes, newline included.</summary>
    public static int LineLength(long sequence, int bodyLength) =>
        SequencePrefix.Length + Digits(sequence) + 1 + (bodyLength - 2)
        + PrevHashPrefix.Length + HashHexLength + HashSuffixLength + 1;

    /// <summary>
    /// Appends <c>{"sequence":N,&lt;body members&gt;,"prev_hash":"P","hash":"H"}\n</c> to
    /// <paramref name="line"/>, where H is the SHA-256 of the same text without <c>,"hash":"H"</c>,
    /// and writes H (ASCII hex) into <paramref name="hashHex"/>.
    /// </summary>
    public static void AppendLine(ByteBuffer line, long sequence, ReadOnlySpan<byte> body, ReadOnlySpan<byte> prevHashHex, Span<byte> hashHex)
    {
        var start = line.Count;
        line.Append(SequencePrefix);
        Utf8Formatter.TryFormat(sequence, line.GetSpan(20), out var written);
        line.Advance(written);
        line.Append((byte)',');
        line.Append(body[1..^1]);
        line.Append(PrevHashPrefix);
        line.Append(prevHashHex);
        line.Append("\"}"u8);

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(line.WrittenSpan[start..], digest);
        ToHex(digest, hashHex);

        line.Truncate(line.Count - 1);
        line.Append(HashPrefix);
        line.Append(hashHex);
        line.Append("\"}\n"u8);
    }

    /// <summary>
    /// Checks that <paramref name="line"/> (without its newline) ends with the hash member and computes the
    /// hash of its content. False when the line does not have that shape.
    /// </summary>
    public static bool TryHash(ReadOnlySpan<byte> line, IncrementalHash sha256, out string storedHash, out string computedHash)
    {
        storedHash = string.Empty;
        computedHash = string.Empty;
        if (line.Length < SequencePrefix.Length + HashSuffixLength
            || !line[^HashSuffixLength..].StartsWith(HashPrefix)
            || !line.EndsWith("\"}"u8))
        {
            return false;
        }

        var stored = line[^(HashHexLength + 2)..^2];
        if (!IsLowerHex(stored))
        {
            return false;
        }

        sha256.AppendData(line[..^HashSuffixLength]);
        sha256.AppendData("}"u8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        sha256.GetHashAndReset(digest);
        storedHash = System.Text.Encoding.ASCII.GetString(stored);
        computedHash = Convert.ToHexStringLower(digest);
        return true;
    }

    /// <summary>Reads the sequence number at the start of a line without parsing the rest; false when it is not there.</summary>
    public static bool TryReadSequence(ReadOnlySpan<byte> line, out long sequence)
    {
        sequence = 0;
        return line.StartsWith(SequencePrefix)
            && Utf8Parser.TryParse(line[SequencePrefix.Length..], out sequence, out var consumed)
            && consumed > 0;
    }

    /// <summary>The members every line has; throws <see cref="JsonException"/> when one is missing.</summary>
    public static AuditLineHeader ReadHeader(ReadOnlySpan<byte> line) =>
        JsonSerializer.Deserialize(line, HeaderJson)
        ?? throw new JsonException("The line is the JSON literal null.");

    /// <summary>
    /// The line's <c>record_type</c> without parsing it: the writer puts the member right after
    /// <c>sequence</c>, and a decision line has none. Falls back to a parse for a line of another shape.
    /// </summary>
    public static string RecordTypeOf(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith(SequencePrefix))
        {
            var rest = line[SequencePrefix.Length..];
            var comma = rest.IndexOf((byte)',');
            if (comma > 0)
            {
                rest = rest[(comma + 1)..];
                if (!rest.StartsWith(RecordTypePrefix))
                {
                    return AuditRecordTypes.Decision;
                }

                rest = rest[RecordTypePrefix.Length..];
                var end = rest.IndexOf((byte)'"');
                if (end > 0 && rest[..end].IndexOf((byte)'\\') < 0)
                {
                    return System.Text.Encoding.UTF8.GetString(rest[..end]);
                }
            }
        }

        return ReadHeader(line).Type;
    }

    public static AuditRecord Deserialize(ReadOnlySpan<byte> line) =>
        JsonSerializer.Deserialize(line, RecordJson)
        ?? throw new JsonException("The line is the JSON literal null.");

    private static void ToHex(ReadOnlySpan<byte> digest, Span<byte> hex)
    {
        for (var i = 0; i < digest.Length; i++)
        {
            hex[2 * i] = HexDigits[digest[i] >> 4];
            hex[(2 * i) + 1] = HexDigits[digest[i] & 0xF];
        }
    }

    private static bool IsLowerHex(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static int Digits(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
