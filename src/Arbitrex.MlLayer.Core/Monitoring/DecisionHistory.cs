using System.Buffers;
using Arbitrex.MlLayer.Contracts;

namespace Arbitrex.MlLayer.Core.Monitoring;

/// <summary>
/// The last N decisions, newest first on reading. Each slot keeps its decision packed into a byte array it reuses
/// (<see cref="PackedDecision"/>), not the decision object.
/// </summary>
/// <remarks>
/// Keeping the objects made every decision outlive two collections before the ring dropped it: at 45,000
/// decisions/s the collector promoted ~2.7 MB per gen0 collection and paused the process for ~15 % of the
/// time (README "Performance"). Byte arrays hold no references, so a full ring costs the collector nothing,
/// and once every slot has an array large enough, recording allocates nothing. Reading unpacks copies.
/// </remarks>
internal sealed class DecisionHistory
{
    private readonly Slot?[] _slots;
    private long _written;
    private long _resetMark;

    public DecisionHistory(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        _slots = new Slot?[size];
    }

    public void Add(MlDecision decision)
    {
        var size = PackedDecision.SizeOf(decision);
        var index = Interlocked.Increment(ref _written) - 1;
        var position = index % _slots.Length;
        var slot = Volatile.Read(ref _slots[position]) ?? Created(position);
        lock (slot)
        {
            // A writer that lapped this one already filled the slot with a newer decision.
            if (index < slot.Index)
            {
                return;
            }

            if (slot.Bytes.Length < size)
            {
                // Headroom so that a slightly longer reason later does not reallocate; an eighth, not a fixed 256 B,
                // which was a quarter of a full history's 10,000 entries.
                slot.Bytes = new byte[size + (size / 8)];
            }

            PackedDecision.Pack(decision, slot.Bytes);
            slot.Length = size;
            slot.Index = index;
        }
    }

    public void Clear() => Volatile.Write(ref _resetMark, Volatile.Read(ref _written));

    public IReadOnlyList<MlDecision> Newest(int limit, string? symbol, bool? allowed)
    {
        var result = new List<MlDecision>(Math.Min(limit, _slots.Length));
        var written = Volatile.Read(ref _written);
        var oldest = Math.Max(Volatile.Read(ref _resetMark), written - _slots.Length);
        var copy = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            for (var index = written - 1; index >= oldest && result.Count < limit; index--)
            {
                var slot = Volatile.Read(ref _slots[index % _slots.Length]);
                if (slot is null)
                {
                    continue;
                }

                int length;
                lock (slot)
                {
                    // Not yet written (its writer is still packing) or already overwritten by a newer decision.
                    if (slot.Index != index)
                    {
                        continue;
                    }

                    length = slot.Length;
                    if (copy.Length < length)
                    {
                        ArrayPool<byte>.Shared.Return(copy);
                        copy = ArrayPool<byte>.Shared.Rent(length);
                    }

                    slot.Bytes.AsSpan(0, length).CopyTo(copy);
                }

                var packed = copy.AsSpan(0, length);
                if ((allowed is not null && PackedDecision.AllowTrade(packed) != allowed.Value)
                    || (symbol is not null && !PackedDecision.SymbolEquals(packed, symbol)))
                {
                    continue;
                }

                result.Add(PackedDecision.Unpack(packed));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }

        return result;
    }

    /// <summary>Slots are made on first use: a large configured history costs nothing until it fills.</summary>
    private Slot Created(long position)
    {
        var created = new Slot();
        return Interlocked.CompareExchange(ref _slots[position], created, null) ?? created;
    }

    private sealed class Slot
    {
        public byte[] Bytes { get; set; } = [];

        public int Length { get; set; }

        /// <summary>Sequence number of the decision in <see cref="Bytes"/>; -1 while empty.</summary>
        public long Index { get; set; } = -1;
    }
}
