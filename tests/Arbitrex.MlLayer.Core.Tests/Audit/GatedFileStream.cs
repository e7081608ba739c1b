namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>The active audit file, but a write waits at <paramref name="beforeWrite"/>, so a test can hold the writer mid-write.</summary>
internal sealed class GatedFileStream(string path, FileMode mode, Action beforeWrite)
    : FileStream(path, mode, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 1)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        beforeWrite();
        base.Write(buffer);
    }
}
