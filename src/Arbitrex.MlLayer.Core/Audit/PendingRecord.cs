using System.Buffers;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>A record waiting for the writer; its task completes once the record is flushed.</summary>
internal sealed class PendingRecord : TaskCompletionSource
{
    private byte[]? body;

    public PendingRecord(byte[] body, int bodyLength)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        this.body = body;
        BodyLength = bodyLength;
    }

    public int BodyLength { get; }

    public ReadOnlySpan<byte> Body => body.AsSpan(0, BodyLength);

    public void ReleaseBody()
    {
        var rented = body;
        if (rented is not null)
        {
            body = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void Fail(Exception exception)
    {
        ReleaseBody();
        TrySetException(exception);
    }
}
