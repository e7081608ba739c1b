namespace Arbitrex.MlLayer.Benchmarks;

/// <summary>The repository root, found by walking up from the running assembly to Arbitrex.MlLayer.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Arbitrex.MlLayer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Arbitrex.MlLayer.sln above {AppContext.BaseDirectory}.");
    }
}
