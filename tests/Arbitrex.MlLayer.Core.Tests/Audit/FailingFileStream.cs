namespace Arbitrex.MlLayer.Core.Tests.Audit;

/// <summary>The active audit file, but a write fails halfway when <paramref name="failNow"/> says so, as on a full disk.</summary>
internal sealed class FailingFileStream(string path, FileMode mode, Func<bool> failNow)
    : FileStream(path, mode, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, bufferSize: 1)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (failNow())
        {
            base.Write(buffer[..(buffer.Length / 2)]);
            throw new IOException("No space left on device");
        }

        base.Write(buffer);
    }
}
