namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>A growable byte array the single writer reuses for every batch.</summary>
internal sealed class ByteBuffer(int initialCapacity)
{
    private byte[] bytes = new byte[initialCapacity];

    public int Count { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => bytes.AsSpan(0, Count);

    public void Append(ReadOnlySpan<byte> value)
    {
        value.CopyTo(GetSpan(value.Length));
        Count += value.Length;
    }

    public void Append(byte value)
    {
        GetSpan(1)[0] = value;
        Count++;
    }

    public Span<byte> GetSpan(int sizeHint)
    {
        if (bytes.Length - Count < sizeHint)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Count + sizeHint));
        }

        return bytes.AsSpan(Count);
    }

    public void Advance(int count) => Count += count;

    public void Truncate(int count) => Count = count;

    public void Clear() => Count = 0;
}
