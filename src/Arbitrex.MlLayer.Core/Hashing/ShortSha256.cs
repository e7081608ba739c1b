using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Arbitrex.MlLayer.Core.Hashing;

/// <summary>
/// SHA-256 (FIPS 180-4) of short messages, in managed code on the stack. Only for decision ids: the
/// platform's <see cref="System.Security.Cryptography.SHA256"/> goes through OpenSSL, whose per-call set-up,
/// error-queue clearing and frees cost several times the two compressions a bar key needs. Everything
/// that protects data (the audit chain, artifact checksums) keeps using the platform implementation;
/// tests check this one against it byte for byte.
/// </summary>
internal static class ShortSha256
{
    /// <summary>Longest message hashed here; longer ones belong to the platform implementation.</summary>
    public const int MaxMessageBytes = 1024;

    private static ReadOnlySpan<uint> RoundConstants =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Writes the 32-byte digest of <paramref name="message"/> into <paramref name="digest"/>.</summary>
    public static void HashData(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Length, MaxMessageBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(digest.Length, 32);

        // Message, 0x80, zeros, then the bit length as a big-endian 64-bit number, in whole 64-byte blocks.
        var paddedLength = (message.Length + 8 + 64) & ~63;
        Span<byte> padded = stackalloc byte[paddedLength];
        message.CopyTo(padded);
        padded[message.Length] = 0x80;
        padded[(message.Length + 1)..^8].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(padded[^8..], (ulong)message.Length * 8);

        Span<uint> state = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        Span<uint> schedule = stackalloc uint[64];
        for (var offset = 0; offset < paddedLength; offset += 64)
        {
            Compress(state, schedule, padded.Slice(offset, 64));
        }

        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
    }

    private static void Compress(Span<uint> state, Span<uint> schedule, ReadOnlySpan<byte> block)
    {
        // Indexed through refs: the loop bounds are fixed by the algorithm, and bounds checks on every
        // word would cost a third of the time.
        ref var w = ref MemoryMarshal.GetReference(schedule);
        ref var k = ref MemoryMarshal.GetReference(RoundConstants);
        for (var t = 0; t < 16; t++)
        {
            Unsafe.Add(ref w, t) = BinaryPrimitives.ReadUInt32BigEndian(block[(t * 4)..]);
        }

        for (var t = 16; t < 64; t++)
        {
            var w15 = Unsafe.Add(ref w, t - 15);
            var w2 = Unsafe.Add(ref w, t - 2);
            var s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            Unsafe.Add(ref w, t) = Unsafe.Add(ref w, t - 16) + s0 + Unsafe.Add(ref w, t - 7) + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];

        // Eight rounds per iteration with the roles of the working variables rotated, instead of
        // shifting all eight variables after every round.
        for (var t = 0; t < 64; t += 8)
        {
            Round(a, b, c, ref d, e, f, g, ref h, Unsafe.Add(ref k, t) + Unsafe.Add(ref w, t));
            Round(h, a, b, ref c, d, e, f, ref g, Unsafe.Add(ref k, t + 1) + Unsafe.Add(ref w, t + 1));
            Round(g, h, a, ref b, c, d, e, ref f, Unsafe.Add(ref k, t + 2) + Unsafe.Add(ref w, t + 2));
            Round(f, g, h, ref a, b, c, d, ref e, Unsafe.Add(ref k, t + 3) + Unsafe.Add(ref w, t + 3));
            Round(e, f, g, ref h, a, b, c, ref d, Unsafe.Add(ref k, t + 4) + Unsafe.Add(ref w, t + 4));
            Round(d, e, f, ref g, h, a, b, ref c, Unsafe.Add(ref k, t + 5) + Unsafe.Add(ref w, t + 5));
            Round(c, d, e, ref f, g, h, a, ref b, Unsafe.Add(ref k, t + 6) + Unsafe.Add(ref w, t + 6));
            Round(b, c, d, ref e, f, g, h, ref a, Unsafe.Add(ref k, t + 7) + Unsafe.Add(ref w, t + 7));
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    /// <summary>
    /// One round, FIPS 180-4 §6.2.2 step 3, written in place: <paramref name="d"/> becomes the new e and
    /// <paramref name="h"/> the new a; the caller renames the others.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint constantPlusWord)
    {
        var sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
        var choose = (e & f) ^ (~e & g);
        var temp1 = h + sum1 + choose + constantPlusWord;
        var sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
        var majority = (a & b) ^ (a & c) ^ (b & c);
        d += temp1;
        h = temp1 + sum0 + majority;
    }
}
