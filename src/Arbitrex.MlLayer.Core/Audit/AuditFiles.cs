using System.Globalization;

namespace Arbitrex.MlLayer.Core.Audit;

/// <summary>
/// Names of the audit files. The active file is <c>predictions.jsonl</c>; a rotated one is
/// <c>predictions-&lt;yyyyMMdd&gt;-&lt;NNNN&gt;.jsonl</c>, named after the UTC day of its first record and
/// numbered within that day, so that name order is chain order.
/// </summary>
internal static class AuditFiles
{
    public const string ActiveFileName = "predictions.jsonl";
    public const string LockFileName = "predictions.lock";

    private const string RotatedPrefix = "predictions-";
    private const string Extension = ".jsonl";

    public static string RotatedFileName(DateOnly day, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{RotatedPrefix}{day:yyyyMMdd}-{index:D4}{Extension}");

    public static bool TryParseRotated(string fileName, out DateOnly day, out int index)
    {
        day = default;
        index = 0;
        if (!fileName.StartsWith(RotatedPrefix, StringComparison.Ordinal) || !fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var middle = fileName.AsSpan(RotatedPrefix.Length, fileName.Length - RotatedPrefix.Length - Extension.Length);
        var dash = middle.IndexOf('-');
        return dash == 8
            && DateOnly.TryParseExact(middle[..dash], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && int.TryParse(middle[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>The rotated files of <paramref name="directory"/> in chain order, as (path, day, index).</summary>
    public static List<(string Path, DateOnly Day, int Index)> RotatedFiles(string directory)
    {
        var files = new List<(string Path, DateOnly Day, int Index)>();
        foreach (var path in Directory.EnumerateFiles(directory, RotatedPrefix + "*" + Extension))
        {
            if (TryParseRotated(Path.GetFileName(path), out var day, out var index))
            {
                files.Add((path, day, index));
            }
        }

        files.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : a.Index.CompareTo(b.Index));
        return files;
    }

    /// <summary>
    /// The rotated files of <paramref name="directory"/> after <paramref name="lastRotatedPath"/> in chain
    /// order (all of them when it is null), oldest first.
    /// </summary>
    public static List<string> RotatedAfter(string directory, string? lastRotatedPath)
    {
        var rotated = RotatedFiles(directory);
        if (lastRotatedPath is null)
        {
            return rotated.ConvertAll(f => f.Path);
        }

        if (!TryParseRotated(Path.GetFileName(lastRotatedPath), out var lastDay, out var lastIndex))
        {
            return [];
        }

        return [.. rotated.Where(f => f.Day > lastDay || (f.Day == lastDay && f.Index > lastIndex)).Select(f => f.Path)];
    }

    /// <summary>Every file of the chain in <paramref name="directory"/>, oldest first, the active file last.</summary>
    public static List<string> ChainFiles(string directory)
    {
        var files = RotatedFiles(directory).ConvertAll(f => f.Path);
        var active = Path.Combine(directory, ActiveFileName);
        if (File.Exists(active))
        {
            files.Add(active);
        }

        return files;
    }

    /// <summary>The files a command given a file or a folder should read, and whether it was a folder.</summary>
    public static (List<string> Files, bool IsFolder) Resolve(string fileOrFolder)
    {
        if (Directory.Exists(fileOrFolder))
        {
            return (ChainFiles(fileOrFolder), true);
        }

        if (File.Exists(fileOrFolder))
        {
            return ([fileOrFolder], false);
        }

        throw new FileNotFoundException($"No audit file or folder at '{fileOrFolder}'.", fileOrFolder);
    }
}
