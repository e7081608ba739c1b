using System.Diagnostics;

namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

/// <summary>A small tmpfs mounted on a fresh folder (needs root), for a disk that really fills up.</summary>
internal sealed class TmpfsFolder : IDisposable
{
    private TmpfsFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>256k</c>); null with the reason when mounting is not permitted.</summary>
    public static TmpfsFolder? TryMount(string size, out string? whyNot)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "arbitrex-tmpfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", path);
        if (code == 0)
        {
            whyNot = null;
            return new TmpfsFolder(path);
        }

        Directory.Delete(path);
        whyNot = $"mount -t tmpfs was refused ({output.Trim()}): run the tests as root where mounting is permitted";
        return null;
    }

    /// <summary>Fills the free space with a file; returns its path.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler.bin");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        foreach (var size in new[] { 4096, 64, 1 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    stream.Write(block);
                }
            }
            catch (IOException)
            {
                // No space left for a block this size; go on with smaller ones until not a byte is left.
            }
        }

        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
