namespace Arbitrex.MlLayer.Core.IO;

/// <summary>
/// Writes a whole file so that a reader, or a crash, sees the old content or the new and never a part of it: the
/// bytes go to a temporary file beside the target, flushed to disk, which is then renamed onto the target.
/// </summary>
/// <remarks>
/// The temporary name is unique per write, so two processes writing the same file never share one; it is removed
/// when the write fails.
/// </remarks>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> (or creates it) with <paramref name="content"/>.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content) => Write(path, content, overwrite: true);

    /// <summary>Creates <paramref name="path"/> with <paramref name="content"/>; an <see cref="IOException"/> when it already exists.</summary>
    public static void Create(string path, ReadOnlySpan<byte> content) => Write(path, content, overwrite: false);

    private static void Write(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
