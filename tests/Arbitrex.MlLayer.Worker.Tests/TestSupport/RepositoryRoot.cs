namespace Arbitrex.MlLayer.Worker.Tests.TestSupport;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Arbitrex.MlLayer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Arbitrex.MlLayer.sln not found above " + AppContext.BaseDirectory);
    }
}
