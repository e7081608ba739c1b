using System.Buffers;
using Arbitrex.MlLayer.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Arbitrex.MlLayer.Worker.Admin;

/// <summary>
/// Resolves a <c>model_path</c> and refuses anything outside <c>Registry:ImportPath</c>: absolute paths
/// elsewhere, <c>..</c> traversal, and symbolic links (of the file or of a folder on the way) that lead out.
/// </summary>
internal sealed class ImportPathResolver(IOptions<RegistryOptions> options)
{
    private static readonly SearchValues<char> InvalidCharacters = SearchValues.Create(
        [.. Path.GetInvalidPathChars(), .. Enumerable.Range(0, 32).Select(c => (char)c), '\u007f']);

    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.ImportPath));

    /// <exception cref="RequestProblem">The path has an invalid character, is outside the import folder or is not a file.</exception>
    public string Resolve(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);

        // NUL (the one character Linux refuses in a path) and other control characters: no real file is named so,
        // and Path.GetFullPath would throw on NUL.
        var invalid = modelPath.AsSpan().IndexOfAny(InvalidCharacters);
        if (invalid >= 0)
        {
            throw new RequestProblem("model_path", $"model_path has an invalid character (U+{(int)modelPath[invalid]:X4}) at position {invalid}");
        }

        var candidate = Path.GetFullPath(modelPath);
        if (!IsInside(candidate))
        {
            var outside = candidate;

            // A bare file name or a path relative to the import folder is accepted too.
            candidate = Path.GetFullPath(Path.Combine(Root, modelPath));
            if (!(IsInside(candidate) && File.Exists(candidate)) && File.Exists(outside))
            {
                throw new RequestProblem(
                    "model_path",
                    $"model_path '{modelPath}' is a file outside the import folder '{Root}' (Registry:ImportPath): copy it into that folder and give its name");
            }
        }

        if (!IsInside(candidate))
        {
            throw new RequestProblem("model_path", $"model_path must be inside the import folder '{Root}'");
        }

        for (var path = candidate; path.Length > Root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = File.Exists(path) ? new FileInfo(path) : new DirectoryInfo(path);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !IsInside(Path.GetFullPath(target)))
                {
                    throw new RequestProblem("model_path", "model_path is a symbolic link out of the import folder");
                }
            }
        }

        return File.Exists(candidate)
            ? candidate
            : throw new RequestProblem("model_path", $"no file at model_path '{modelPath}' in the import folder");
    }

    private bool IsInside(string fullPath) =>
        fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
