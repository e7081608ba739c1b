namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Reads a JSON-lines stream line by line as raw bytes, so that hashes are computed over exactly what
/// is on disk. A returned line is valid until the next call.
/// </summary>
internal sealed class JsonlLineReader : IDisposable
{
    private readonly Stream stream;
    private readonly bool leaveOpen;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private bool endOfStream;

    public JsonlLineReader(Stream stream, bool leaveOpen = false)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
    }

    /// <summary>Opens <paramref name="path"/> for reading while the writer may still be appending to it.</summary>
    public static JsonlLineReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1));

    /// <summary>Number of the line last returned, 1-based.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line without its newline; <paramref name="terminated"/> is false for a last line that has
    /// no newline (a torn write). False at the end of the stream.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool terminated)
    {
        var searchFrom = start;
        while (true)
        {
            var newline = buffer.AsSpan(searchFrom, end - searchFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = buffer.AsMemory(start, searchFrom + newline - start);
                start = searchFrom + newline + 1;
                terminated = true;
                LineNumber++;
                return true;
            }

            if (endOfStream)
            {
                terminated = false;
                if (start == end)
                {
                    line = default;
                    return false;
                }

                line = buffer.AsMemory(start, end - start);
                start = end;
                LineNumber++;
                return true;
            }

            searchFrom = end - start;
            Fill();
        }
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            endOfStream = true;
        }

        end += read;
    }
}
