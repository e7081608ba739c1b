namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>The files of an audit chain, for readers that go back only as far as they need.</summary>
public static class AuditChainFiles
{
    /// <summary>Every file of the chain in <paramref name="directory"/>, oldest first, the active file last; none when the folder does not exist.</summary>
    public static IReadOnlyList<string> InOrder(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Directory.Exists(directory) ? AuditFiles.ChainFiles(directory) : [];
    }

    /// <summary>The number of lines of <paramref name="file"/> (newline bytes counted without parsing).</summary>
    public static long CountLines(string file)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
